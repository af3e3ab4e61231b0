import { spawnSync } from 'node:child_process';

/**
 * The first python3 that can import `module`, or undefined. The PATH's python3 may be a
 * separate install (pyenv, a venv) without Debian's packages, so /usr/bin/python3, where
 * `apt-get install python3-xgboost` and `python3-torch` put theirs, is tried second.
 */
export function pythonWith(module: string): string | undefined {
  return ['python3', '/usr/bin/python3'].find(
    (candidate) =>
      spawnSync(candidate, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0,
  );
}
