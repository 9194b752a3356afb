// npm run scan -- [--json|--jsonl] [--store FILE] INPUT...   (the `verbatim scan` command, from source)
import { main } from './cli/main';

main(['scan', ...process.argv.slice(2).filter((a) => a !== '--')]).then((code) => {
  process.exitCode = code;
});
