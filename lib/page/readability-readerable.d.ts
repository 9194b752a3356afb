// Readability's quick "is this an article?" check is a file of its own in the package: imported
// alone, it leaves Readability itself out of the content script (reader-parts.ts loads it later).
declare module '@mozilla/readability/Readability-readerable.js' {
  const isProbablyReaderable: typeof import('@mozilla/readability').isProbablyReaderable;
  export default isProbablyReaderable;
}
