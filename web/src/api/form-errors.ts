import type { FormInstance } from 'antd';
import { ApiError } from './client';

/**
 * Put the server's field errors under the matching inputs. Returns true when
 * at least one field was marked, so callers can skip a generic error toast.
 * `prefix` strips a leading path segment when the form's names are relative
 * (e.g. the server says `user.password`, the form calls it `password`).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, prefix?: string): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const marked = error.fields
    .map((f) => ({ path: prefix && f.path.startsWith(`${prefix}.`) ? f.path.slice(prefix.length + 1) : f.path, message: f.message }))
    .filter((f) => known.has(f.path));
  if (marked.length === 0) return false;
  form.setFields(
    marked.map((f) => ({
      name: f.path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)),
      errors: [f.message],
    })),
  );
  return true;
}
