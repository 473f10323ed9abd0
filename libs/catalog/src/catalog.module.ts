import { Module } from '@nestjs/common';
import { CatalogService } from './courses/catalog.service';
import { CourseImporter } from './import/course-importer';
import { AuthoringService } from './authoring/authoring.service';
import { CourseDraftRepository } from './authoring/course-draft.repository';
import { TranslatedContentService } from './translations/translated-content.service';
import { TranslationRepository } from './translations/translation.repository';

@Module({
  providers: [CatalogService, CourseImporter, CourseDraftRepository, AuthoringService, TranslationRepository, TranslatedContentService],
  exports: [CatalogService, CourseImporter, AuthoringService, TranslatedContentService],
})
export class CatalogModule {}
