import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Overrides of {@link writeMovieLens100kFixture}; each file's lines can be replaced. */
export interface MovieLens100kFixture {
  genre?: string[];
  user?: string[];
  item?: (string | Buffer)[];
  data?: (string | Buffer)[];
}

/**
 * Writes a tiny ml-100k folder in the original formats (3 genres, 4 users, 6 items, 12
 * ratings) for tests; pass lines to replace a file, including malformed ones.
 */
export async function writeMovieLens100kFixture(
  folder: string,
  overrides: MovieLens100kFixture = {},
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const genre = overrides.genre ?? ['unknown|0', 'Action|1', 'Drama|2'];
  const user = overrides.user ?? [
    '1|24|M|technician|85711',
    '2|53|F|other|94043',
    '3|23|M|writer|32067',
    '4|33|F|artist|T8H1N',
  ];
  const item = overrides.item ?? [
    '1|Toy Story (1995)|01-Jan-1995||http://x|0|1|0',
    '2|GoldenEye (1995)|01-Jan-1995||http://x|0|1|1',
    '3|Four Rooms (1995)|01-Jan-1995||http://x|0|0|1',
    '4|Get Shorty (1995)|01-Jan-1995||http://x|0|1|1',
    '5|Copycat (1995)|01-Jan-1995||http://x|0|0|1',
    '6|unknown||||1|0|0',
  ];
  const data = overrides.data ?? [
    '1\t1\t5\t881250949',
    '1\t2\t3\t881250950',
    '1\t3\t4\t881250951',
    '2\t1\t4\t881250952',
    '2\t4\t2\t881250953',
    '2\t5\t5\t881250954',
    '3\t2\t1\t881250955',
    '3\t3\t5\t881250956',
    '3\t6\t4\t881250957',
    '4\t1\t3\t881250958',
    '4\t4\t4\t881250959',
    '4\t5\t5\t881250960',
  ];
  await writeFile(join(folder, 'u.genre'), genre.join('\n') + '\n');
  await writeFile(join(folder, 'u.user'), user.join('\n') + '\n');
  await writeFile(join(folder, 'u.item'), joinLines(item));
  await writeFile(join(folder, 'u.data'), joinLines(data));
  return folder;
}

function joinLines(lines: (string | Buffer)[]): Buffer {
  return Buffer.concat(lines.flatMap((line) => [Buffer.from(line), Buffer.from('\n')]));
}
