import { Module } from '@nestjs/common';
import { CatalogService } from './courses/catalog.service';
import { CourseImporter } from './import/course-importer';
import { AuthoringService } from './authoring/authoring.service';
import { CourseDraftRepository } from './authoring/course-draft.repository';

@Module({ providers: [CatalogService, CourseImporter, CourseDraftRepository, AuthoringService], exports: [CatalogService, CourseImporter, AuthoringService] })
export class CatalogModule {}
