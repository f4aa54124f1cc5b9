import { randomUUID } from 'node:crypto';

/** A multipart body: the purpose field, then the file. */
export function multipart(purpose: string | null, file: { name: string; data: Buffer } | null) {
  const boundary = `----cg${randomUUID()}`;
  const parts: Buffer[] = [];
  if (purpose !== null) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\n${purpose}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
