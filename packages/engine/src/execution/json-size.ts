/** Strings shorter than this count their UTF-16 length; longer ones their exact UTF-8 byte length. */
const EXACT_FROM = 256;

/**
 * About how many bytes `value` takes as JSON, counted only until the count passes `limit` (the
 * returned number is then "at least"). The walk stops early, so measuring costs at most about `limit`
 * whatever the value holds — a value built of shared references that would serialize to gigabytes
 * is measured as cheaply as a small one.
 */
export function jsonSize(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    switch (typeof item) {
      case 'string':
        size += (item.length < EXACT_FROM ? item.length : Buffer.byteLength(item, 'utf8')) + 2;
        break;
      case 'number':
      case 'bigint':
        size += 8;
        break;
      case 'boolean':
        size += 5;
        break;
      case 'object':
        if (item === null) size += 4;
        else if (Array.isArray(item)) {
          size += 2 + item.length;
          for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
        } else if (ArrayBuffer.isView(item)) size += item.byteLength;
        else {
          size += 2;
          for (const key in item) {
            if (!Object.prototype.hasOwnProperty.call(item, key)) continue;
            size += key.length + 4;
            stack.push((item as Record<string, unknown>)[key]);
            if (size > limit) return size;
          }
        }
        break;
      default:
        // undefined and functions have no JSON form.
        break;
    }
    if (size > limit) return size;
  }
  return size;
}
