// Entry of `npm start`: runs the demo transcript and exits 0 (1 on failure).
import { runDemo } from './demo.js';

runDemo({ out: (line) => process.stdout.write(`${line}\n`) }).catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
