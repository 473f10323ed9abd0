import { Module } from '@nestjs/common';
import { CatalogService } from './courses/catalog.service';
import { CourseImporter } from './import/course-importer';

@Module({ providers: [CatalogService, CourseImporter], exports: [CatalogService, CourseImporter] })
export class CatalogModule {}
