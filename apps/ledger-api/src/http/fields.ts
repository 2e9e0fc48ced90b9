import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';

// The field rules most bodies and queries repeat, each with its OpenAPI line. The decorators are listed
// last-first, the order in which stacked decorators apply, so validation reports its reasons as before.

/** A text of `min` to `max` characters, its maximum documented. */
export const Text = (min: number, max: number, doc: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(Length(min, max), IsString(), ApiProperty({ ...doc, maxLength: max } as ApiPropertyOptions));

/** A text that may be left out; when given, of `min` to `max` characters. */
export const OptionalText = (min: number, max: number, doc: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(Length(min, max), IsString(), IsOptional(), ApiPropertyOptional({ ...doc, maxLength: max } as ApiPropertyOptions));

/** A whole number from `min` to `max` that may be left out; a query string's digits are converted. */
export const OptionalInteger = (min: number, max: number, doc: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(Max(max), Min(min), IsInt(), Type(() => Number), IsOptional(), ApiPropertyOptional(doc));

const ISO_8601 = { strict: true, strictSeparator: true };

/** An ISO-8601 date or time that may be left out (strict: a real calendar date, `T` between date and time). */
export const OptionalTime = (doc: ApiPropertyOptions = {}): PropertyDecorator => applyDecorators(IsISO8601(ISO_8601), IsOptional(), ApiPropertyOptional(doc));

/** One of the values listed, documented as an enumeration. */
export const OneOf = (values: readonly string[], doc: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(IsIn(values as string[]), ApiProperty({ enum: values, ...doc } as ApiPropertyOptions));

/** One of the values listed, or left out. */
export const OptionalOneOf = (values: readonly string[], doc: ApiPropertyOptions = {}): PropertyDecorator =>
  applyDecorators(IsIn(values as string[]), IsOptional(), ApiPropertyOptional({ enum: values, ...doc } as ApiPropertyOptions));

/** An ISO-8601 date or time, required. */
export const Time = (doc: ApiPropertyOptions = {}): PropertyDecorator => applyDecorators(IsISO8601(ISO_8601), ApiProperty(doc));
