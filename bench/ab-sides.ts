// The two sides of an A/B (bench/ab.ts): each a checkout that is built and benchmarked in its own directory.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Side {
  directory: string;
  /** `abc1234 subject`, and whether the checkout has uncommitted changes. */
  description: string;
  /** A worktree the runner made under the temp dir: removed at the end unless --keep. */
  temporary: boolean;
}

/**
 * `target` as a side: a directory is taken as it stands (this checkout, another worktree); a commit is
 * checked out as a detached worktree under the temp dir (reused if one is there) and runs `checkout`'s
 * bench/, so both sides measure with the same code.
 */
export function sideOf(checkout: string, target: string): Side {
  if (existsSync(target) && statSync(target).isDirectory()) {
    const directory = resolve(target);
    const changed = git(directory, 'status', '--porcelain') ? ' + uncommitted changes' : '';
    return { directory, description: `${headOf(directory)}${changed}`, temporary: false };
  }
  const commit = git(checkout, 'rev-parse', '--verify', `${target}^{commit}`);
  const directory = join(tmpdir(), `evently-ab-${commit.slice(0, 12)}`);
  if (!existsSync(directory)) git(checkout, 'worktree', 'add', '--detach', directory, commit);
  else if (git(directory, 'rev-parse', 'HEAD') !== commit) throw new Error(`${directory} is not a worktree of ${commit}`);
  rmSync(join(directory, 'bench'), { recursive: true, force: true });
  cpSync(join(checkout, 'bench'), join(directory, 'bench'), { recursive: true });
  if (!existsSync(join(directory, 'node_modules'))) installDependencies(checkout, directory);
  return { directory, description: headOf(directory), temporary: true };
}

/** Deletes a worktree `sideOf` made (git does not follow the node_modules link into `checkout`). */
export function removeSide(checkout: string, side: Side): void {
  if (side.temporary && existsSync(side.directory)) git(checkout, 'worktree', 'remove', '--force', side.directory);
}

/**
 * The same lock file: `checkout`'s node_modules serve both. A different one (another HTTP adapter, a
 * dependency bumped): the side gets its own, as its lock file says.
 */
function installDependencies(checkout: string, directory: string): void {
  const lockOf = (folder: string) => readFileSync(join(folder, 'package-lock.json'), 'utf8');
  if (lockOf(checkout) === lockOf(directory)) symlinkSync(join(checkout, 'node_modules'), join(directory, 'node_modules'), 'dir');
  else execFileSync('npm', ['ci'], { cwd: directory, stdio: 'inherit' });
}

function headOf(directory: string): string {
  const [hash, subject] = git(directory, 'log', '-1', '--format=%h%n%s').split('\n');
  return `${hash} ${subject.length > 70 ? `${subject.slice(0, 69)}…` : subject}`;
}

function git(directory: string, ...args: string[]): string {
  return execFileSync('git', ['-C', directory, ...args], { encoding: 'utf8' }).trim();
}
