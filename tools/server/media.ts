// Content types as `ord wallet inscribe` infers them from a file's extension (ord's src/inscriptions/media.rs, its
// TABLE: the first type listing the extension, compared lowercase). ord refuses any other extension, and so does
// `perceptrons serve --inscriptions`: a file it serves is a file ord would inscribe with the same content type.
const ORD_TYPES: Record<string, string> = {
  cbor: 'application/cbor',
  json: 'application/json',
  bin: 'application/octet-stream',
  pdf: 'application/pdf',
  asc: 'application/pgp-signature',
  binpb: 'application/protobuf',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  flac: 'audio/flac',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  otf: 'font/otf',
  ttf: 'font/ttf',
  woff: 'font/woff',
  woff2: 'font/woff2',
  apng: 'image/apng',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  gltf: 'model/gltf+json',
  glb: 'model/gltf-binary',
  stl: 'model/stl',
  css: 'text/css',
  html: 'text/html;charset=utf-8',
  js: 'text/javascript',
  md: 'text/markdown;charset=utf-8',
  txt: 'text/plain;charset=utf-8',
  py: 'text/x-python',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** The content type ord gives a file of this name; throws, as ord does, for an extension it does not know. */
export function ordContentType(file: string): string {
  const m = /\.([^./\\]+)$/.exec(file);
  if (!m) throw new Error(`${file}: file must have extension (ord infers the content type from it)`);
  const type = ORD_TYPES[m[1].toLowerCase()];
  if (!type) throw new Error(`${file}: unsupported file extension \`.${m[1].toLowerCase()}\`, supported extensions: ${Object.keys(ORD_TYPES).sort().join(' ')}`);
  return type;
}
