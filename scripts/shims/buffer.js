// The web worker has no Buffer. gray-matter only calls Buffer.from(text) to keep a copy of its
// input (never read when parsing); a TextEncoder copy is enough, and far smaller than npm buffer.
export const Buffer = {
  from: (value) => new TextEncoder().encode(String(value)),
  isBuffer: () => false,
};
