/**
 * Command line: `npm run --silent cli -- <perintah> …`
 *   cek <realisasi> <target> [--negatif] [--skala permendagri86|atribut|baik100]
 *   hitung <berkas-instansi.json>
 * Exit codes: 0 ok, 2 bad input (message on stderr), 1 unexpected failure.
 */
import { runCli } from "./run.js";

const result = await runCli(process.argv.slice(2));
if (result.stdout) process.stdout.write(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}\n`);
if (result.stderr) process.stderr.write(result.stderr.endsWith("\n") ? result.stderr : `${result.stderr}\n`);
process.exitCode = result.code;
