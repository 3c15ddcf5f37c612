import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { BriefingError, formatProblem, isError } from './problems.ts';
import { EXIT, exitCodeFor } from './cli/exit-codes.ts';
import type { BuildCommandOptions } from './cli/build-command.ts';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  errRaw?: (text: string) => void;
  isTTY?: boolean;
}

const defaultIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  errRaw: (text) => process.stderr.write(text),
  isTTY: process.stderr.isTTY,
};

/** This tool's version, from its package.json (read once, synchronously: `--version` must be instant). */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** The config (found as in findConfig) and the folders it names, for the commands other than build. */
async function configured(configFile: string | undefined) {
  const { loadConfig, resolveFrom } = await import('./load/load-config.ts');
  const loaded = await loadConfig(configFile);
  return {
    loaded,
    dataDir: resolveFrom(loaded, loaded.config.data),
    templatesDir: resolveFrom(loaded, loaded.config.templates),
  };
}

const CONFIG_HELP = 'the build config (default: $BRIEFINGS_CONFIG, else the nearest briefings.config.yaml here or above)';

function verbosityOf(opts: { quiet?: boolean; verbose?: boolean }): 'quiet' | 'normal' | 'verbose' {
  if (opts.quiet && opts.verbose) throw new BriefingError('usage', '--quiet and --verbose cannot be used together');
  return opts.quiet ? 'quiet' : opts.verbose ? 'verbose' : 'normal';
}

function program(io: Io, setExit: (code: number) => void): Command {
  const cli = new Command('briefings')
    .description('Comparison briefing PDFs from the medical R&D budget dataset (医療分野の研究開発関連予算)')
    .version(toolVersion(), '-V, --version', 'print the version and exit')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });

  cli
    .command('validate')
    .description('check the data files: structure, cross-references and rounding-aware reconciliation')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--data <dir>', 'the data folder (default: from the config)')
    .option('--json', 'print the report as JSON')
    .option('-q, --quiet', 'print only errors (nothing when the data is valid)')
    .option('--verbose', 'also list every consistency check')
    .action(async (opts: { config?: string; data?: string; json?: boolean; quiet?: boolean; verbose?: boolean }) => {
      const verbosity = verbosityOf(opts);
      const { validateDataset } = await import('./validate/validate-dataset.ts');
      const { formatValidationReport } = await import('./validate/format-report.ts');
      const dataDir = opts.data ? path.resolve(opts.data) : (await configured(opts.config)).dataDir;
      const report = await validateDataset(dataDir);
      const failed = report.problems.some(isError);
      if (opts.json) {
        const { dataset: _omit, ...rest } = report;
        io.out(JSON.stringify(rest, null, 2));
      } else {
        const text = formatValidationReport(report, process.cwd(), verbosity);
        if (text) io.out(text);
      }
      setExit(failed ? EXIT.data : EXIT.ok);
    });

  cli
    .command('import')
    .description('read the text of an edition and write a draft document YAML beside it, with a summary to review')
    .argument('<text-file>', 'the text of the edition, e.g. data/documents/fy2027-points.txt')
    .option('--out <file>', 'where to write the draft (default: fy<year>-points.yaml beside the text)')
    .option('--force', 'replace the draft if it exists')
    .option('--partial', 'write the draft as a partial edition (coverage: partial) when whole sections cannot be read, instead of refusing')
    .option('--data <dir>', 'the data folder with reference.yaml and the earlier editions (default: the folder above the text, or data)')
    .action(async (textFile: string, opts: { out?: string; force?: boolean; partial?: boolean; data?: string }) => {
      const { runImport } = await import('./cli/import-command.ts');
      await runImport(textFile, opts, io);
    });

  cli
    .command('schema')
    .description('write the JSON Schemas of the data files (for editors) into data/schema')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-o, --out <dir>', 'where to write them (default: schema/ in the data folder of the config)')
    .option('-q, --quiet', 'print nothing')
    .action(async (opts: { config?: string; out?: string; quiet?: boolean }) => {
      const { mkdir, writeFile } = await import('node:fs/promises');
      const { generateJsonSchemas } = await import('./schema/json-schema.ts');
      const { displayPath } = await import('./format/display-path.ts');
      const outDir = opts.out ? path.resolve(opts.out) : path.join((await configured(opts.config)).dataDir, 'schema');
      await mkdir(outDir, { recursive: true });
      for (const [name, schema] of Object.entries(generateJsonSchemas())) {
        const file = path.join(outDir, name);
        await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
        if (!opts.quiet) io.out(`wrote ${displayPath(file)}`);
      }
    });

  cli
    .command('build')
    .description('build the briefing PDFs (those of briefings.config.yaml and one per department)')
    .argument('[names...]', 'only the briefings with these names (default: all)')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--data <dir>', 'the data folder (default: from the config)')
    .option('--templates <dir>', 'the templates folder (default: from the config)')
    .option('-o, --out <dir>', 'the output folder (default: from the config)')
    .option('--department <id>', 'only the edition of this department')
    .option('--ministry <name>', 'only the ministry editions of this ministry: its code, name or English id (文, 文部科学省, 文科省, mext)')
    .option('--year <fy>', 'only briefings that cover this fiscal year (Western, e.g. 2026)')
    .option('--shard <i/n>', 'only the i-th of n parts of the selection (for parallel CI jobs)')
    .option('-f, --force', 'rebuild even what is up to date')
    .option('--no-prune', 'keep the PDFs of briefings no longer in the config (removed by default)')
    .option('--json', 'print a machine-readable summary on stdout')
    .option('--html', 'also write each briefing as HTML (with its assets) into the output folder')
    .option('--strict-layout', 'a layout finding fails its briefing (not written) instead of being a warning (default: strictLayout in the config)')
    .option('--browser <path>', 'the Chrome, Chromium or Edge to print with (default: found by itself)')
    .option('--browser-ws <endpoint>', 'print with a running Chrome (ws://…) instead of launching one; give it again for a pool', (value: string, list: string[]) => [...list, value], [] as string[])
    .option('-j, --concurrency <n>', 'briefings printed at once (default: from the config)')
    .option('-q, --quiet', 'print only failures and the closing count')
    .option('--verbose', 'also print where the time of each briefing went')
    .action(async (names: string[], opts: Omit<BuildCommandOptions, 'names' | 'verbosity'> & { quiet?: boolean; verbose?: boolean }) => {
      const { runBuild } = await import('./cli/build-command.ts');
      const { quiet: _q, verbose: _v, ...rest } = opts;
      setExit(await runBuild({ ...rest, names, verbosity: verbosityOf(opts) }, io));
    });

  cli
    .command('diff')
    .description('what changed between two builds: figures (from their .json) and page images; writes report.md and report.html')
    .argument('[folders...]', 'the old and the new output folder (with --git: only the new one, default the config\'s)')
    .option('--git <revision>', 'compare with the data and templates of a git revision, built now with the current tool')
    .option('--report <dir>', 'where to write report.md, report.html and the page images', 'briefings-diff')
    .option('--no-pages', 'compare figures only, not page images')
    .option('--config <file>', 'the build config')
    .action(async (folders: string[], opts: { git?: string; report: string; pages: boolean; config?: string }) => {
      const { runDiff } = await import('./cli/diff-command.ts');
      setExit(await runDiff({ folders, ...opts }, io));
    });

  cli
    .command('preview')
    .description('show one briefing as printed, page by page, on localhost, with its layout findings; it is printed again and reloads when data or templates change')
    .argument('<name>', 'the briefing, e.g. fy2026-vs-fy2025')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('-p, --port <port>', 'the port to listen on (0: any free port)', '4173')
    .option('--host <host>', 'the address to listen on', '127.0.0.1')
    .action(async (name: string, opts: { config?: string; port: string; host: string }) => {
      const { loadConfig, resolveFrom } = await import('./load/load-config.ts');
      const { startPreview } = await import('./preview/preview-server.ts');
      const loaded = await loadConfig(opts.config);
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BriefingError('usage', `--port takes a port number; found ${opts.port}`);
      const server = await startPreview({
        name,
        dataDir: resolveFrom(loaded, loaded.config.data),
        templatesDir: resolveFrom(loaded, loaded.config.templates),
        briefings: loaded.config.briefings,
        departmentEditions: loaded.config.departmentEditions,
        latestComparison: loaded.config.latestComparison,
        timeoutMs: loaded.config.timeoutSeconds * 1000,
        host: opts.host,
        port,
        onReload: (file) => io.err(`changed: ${file}; reloading`),
        onInternalError: (error) => io.err(`internal error (a bug; please report it): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      });
      io.out(`Previewing ${name} at ${server.url} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });

  const template = cli.command('template').description('department templates: create one, see where each part comes from, the strings and fields a kind offers, copy a base part to edit it');
  template
    .command('new')
    .description('create templates/departments/<department> with commented starting files')
    .argument('<department>', 'the folder name, e.g. mext')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--templates <dir>', 'the templates folder (default: from the config)')
    .option('--name <name>', 'the department as it appears on the title page')
    .option('--ministry <name>', 'the ministry the edition focuses on: its code, name or English id (文, 文部科学省, 文科省, mext)')
    .option('--language <lang>', 'ja or en', 'ja')
    .action(async (id: string, opts: { config?: string; templates?: string; name?: string; ministry?: string; language: string }) => {
      const { scaffoldDepartment, referenceMinistries } = await import('./cli/template-command.ts');
      const folders = await configured(opts.config);
      const ministries = opts.ministry === undefined ? [] : await referenceMinistries(folders.dataDir);
      await scaffoldDepartment(opts.templates ?? folders.templatesDir, id, { ...opts, ministries }, io);
    });
  template
    .command('resolve')
    .description('list which file each part (layout, partials, charts, styles, strings) resolves to')
    .argument('[department]', 'a department folder; the base templates when left out')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--templates <dir>', 'the templates folder (default: from the config)')
    .action(async (id: string | undefined, opts: { config?: string; templates?: string }) => {
      const { printResolution } = await import('./cli/template-command.ts');
      await printResolution(opts.templates ?? (await configured(opts.config)).templatesDir, id, io);
    });
  template
    .command('fields')
    .description('list the string keys (with their text) and the template fields (with their types) of a kind of briefing')
    .argument('<kind>', 'year-comparison, ministry-edition, trend or program-detail')
    .option('--department <id>', "with a department's strings, language and overrides")
    .option('--json', 'print them as JSON')
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--data <dir>', 'the data folder (default: from the config)')
    .option('--templates <dir>', 'the templates folder (default: from the config)')
    .action(async (kind: string, opts: { department?: string; json?: boolean; config?: string; data?: string; templates?: string }) => {
      const { templateFields, formatFields } = await import('./cli/template-fields.ts');
      const folders = await configured(opts.config);
      const report = await templateFields({
        kind,
        department: opts.department,
        dataDir: opts.data ? path.resolve(opts.data) : folders.dataDir,
        templatesDir: opts.templates ? path.resolve(opts.templates) : folders.templatesDir,
      });
      io.out(opts.json ? JSON.stringify(report, null, 2) : formatFields(report));
    });
  template
    .command('eject')
    .description('copy a base part (as `template resolve` names it) into a department folder, to edit it there')
    .argument('<department>', 'the department folder under templates/departments')
    .argument('<part>', 'layout, briefings/<kind>, partials/<name>, styles/briefing.css, charts/<name>, charts/theme, strings/<lang>')
    .option('-f, --force', "replace the department's own copy")
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--templates <dir>', 'the templates folder (default: from the config)')
    .action(async (id: string, part: string, opts: { force?: boolean; config?: string; templates?: string }) => {
      const { ejectPart } = await import('./cli/template-eject.ts');
      await ejectPart(opts.templates ?? (await configured(opts.config)).templatesDir, id, part, { force: opts.force ?? false }, io);
    });

  return cli;
}

/**
 * Parses the arguments and runs a command; returns the exit code. Only a bug prints a stack.
 * Commands load their modules when run, so that `build` with nothing to do starts quickly.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  try {
    await program(io, (code) => (exitCode = code)).parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof BriefingError) {
      io.err(`briefings: ${error.message}`);
      for (const problem of error.problems) io.err(`  ${formatProblem(problem)}`);
      return exitCodeFor(error.code);
    }
    io.err('briefings: internal error (this is a bug; please report it with the output below)');
    io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return EXIT.bug;
  }
}
