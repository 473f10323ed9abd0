import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { PASSWORD_MESSAGES, passwordProblem } from './password-policy.rules';

export const ACCEPTABLE_PASSWORD = 'acceptablePassword';

const ownerOf = (object: object) => {
  const o = object as { email?: unknown; fullName?: unknown };
  return { email: typeof o.email === 'string' ? o.email : null, fullName: typeof o.fullName === 'string' ? o.fullName : null };
};

/**
 * The password rule of the contract, checked against the `email` and `fullName` of the same body
 * (registration, admin creation). Reset and change check it in the service, against the account.
 */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: ACCEPTABLE_PASSWORD,
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown, args: ValidationArguments) => passwordProblem(value, ownerOf(args.object)) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${PASSWORD_MESSAGES[passwordProblem(args.value, ownerOf(args.object)) ?? 'weak']}`,
      },
    });
}
