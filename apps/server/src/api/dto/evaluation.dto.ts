import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class EvaluationAnswerDto {
  @IsString({ message: 'itemId must name an item of the form' })
  @MaxLength(60)
  itemId: string;

  @IsOptional()
  @IsInt({ message: 'rating must be a whole number from 1 to 5' })
  rating?: number;

  @IsOptional()
  @IsString({ message: 'text must be text' })
  @MaxLength(2000)
  text?: string;
}

export class SubmitEvaluationDto {
  @IsArray({ message: 'answers must be a list' })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => EvaluationAnswerDto)
  answers: EvaluationAnswerDto[];
}
