// A .css import is the file's text, minified by the build (tools/build/inscription.ts).
declare module '*.css' {
  const text: string;
  export default text;
}
