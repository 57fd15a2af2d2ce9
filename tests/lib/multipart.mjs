// multipart.mjs - a multipart/form-data body with one file part, built by
// hand as a browser sends it, so that tests can send file names a
// FormData would rewrite (path parts, control characters).
import { randomUUID } from 'node:crypto';

// {raw, headers} for the api() helper of server.mjs.
export function multipart(name, bytes, type = 'application/octet-stream') {
  const boundary = `----bp${randomUUID().replace(/-/g, '')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n`
    + `Content-Type: ${type}\r\n\r\n`, 'utf8');
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { raw: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } };
}
