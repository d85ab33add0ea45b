/** A field's inline error: the message under it, and the attributes that tie the field to it. */
import type { Field } from './form';
import type { View } from './view';

type Errors = View['derivation']['errors'];

export function FieldError({ field, errors }: { field: Field; errors: Errors }) {
  const message = errors[field];
  return message ? (
    <p id={`${field}-error`} class="error" role="alert">
      {message}
    </p>
  ) : null;
}

export const invalid = (field: Field, errors: Errors) =>
  errors[field] ? { 'aria-invalid': true, 'aria-describedby': `${field}-error` } : {};
