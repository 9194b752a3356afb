// The `verbatim` executable (built to dist/verbatim.mjs by `npm run build:cli`).
import { main } from './main';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
