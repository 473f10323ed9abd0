import { registerDecorator, ValidationOptions } from 'class-validator';

/** The longest bar number any DTO accepts (the column and the membership key hold 50). */
export const BAR_NUMBER_MAX = 50;
const BAR_NUMBER = /^[\p{L}\p{N}\/ .-]*$/u;
export const BAR_NUMBER_MESSAGE = `barNumber may contain only letters, digits, spaces, "/", "-" and "." (at most ${BAR_NUMBER_MAX})`;

/** The bar-number rule as a pure function: text of at most 50 letters, digits, spaces, "/", "-" and "."; empty only where allowed. */
export function isBarNumber(value: unknown, allowEmpty = false): boolean {
  return typeof value === 'string' && value.length <= BAR_NUMBER_MAX && (allowEmpty || value.length > 0) && BAR_NUMBER.test(value);
}

/**
 * The one bar-number rule for every DTO that takes one, with one message.
 * `allowEmpty`: an empty string is accepted (a profile update clears the number with it).
 */
export function IsBarNumber(options: { allowEmpty?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBarNumber',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: BAR_NUMBER_MESSAGE, ...validationOptions },
      validator: { validate: (value: unknown) => isBarNumber(value, options.allowEmpty ?? false) },
    });
}
