import { TmrmError, silentLogger, type Logger } from '@tmrm/common';

/** A line of a data-set file that could not be used, and why. */
export interface ReadIssue {
  file: string;
  /** 1-based line number (for JSONL and CSV: the physical line). */
  line: number;
  reason: string;
}

/** Raised on the first bad line in strict mode; names the file, the line and what was wrong. */
export class DatasetFormatError extends TmrmError {
  readonly file: string;
  readonly line: number;
  readonly reason: string;

  constructor(issue: ReadIssue) {
    super(
      `${issue.file}:${issue.line}: ${issue.reason} ` +
        '(bad lines are skipped and counted unless strict mode is on)',
    );
    this.file = issue.file;
    this.line = issue.line;
    this.reason = issue.reason;
  }
}

/** Options of {@link ReadIssues}. */
export interface ReadIssuesOptions {
  /** Throw {@link DatasetFormatError} on the first bad line instead of skipping it. */
  strict?: boolean;
  /** Bad lines are logged at debug level through this logger. */
  logger?: Logger;
  /** How many issues to keep as examples for the summary. */
  maxExamples?: number;
}

/**
 * Collects the bad lines met while reading a data set. In strict mode the first one throws;
 * otherwise each is skipped, counted per file, and the first few are kept as examples.
 */
export class ReadIssues {
  readonly strict: boolean;
  readonly countsByFile = new Map<string, number>();
  readonly examples: ReadIssue[] = [];
  count = 0;
  private readonly log: Logger;
  private readonly maxExamples: number;

  constructor(options: ReadIssuesOptions = {}) {
    this.strict = options.strict ?? false;
    this.log = (options.logger ?? silentLogger).child({ component: 'datasets.read' });
    this.maxExamples = options.maxExamples ?? 10;
  }

  /** Records one bad line; throws in strict mode. */
  report(file: string, line: number, reason: string): void {
    const issue = { file, line, reason };
    if (this.strict) throw new DatasetFormatError(issue);
    this.count++;
    this.countsByFile.set(file, (this.countsByFile.get(file) ?? 0) + 1);
    if (this.examples.length < this.maxExamples) this.examples.push(issue);
    this.log.debug(issue, 'skipped a bad line');
  }

  /** One line per file, e.g. `u.data: 2 bad lines skipped (first: line 7: ...)`. */
  summary(): string[] {
    return [...this.countsByFile].map(([file, count]) => {
      const first = this.examples.find((issue) => issue.file === file);
      const example = first ? ` (first: line ${first.line}: ${first.reason})` : '';
      return `${file}: ${count} bad line${count === 1 ? '' : 's'} skipped${example}`;
    });
  }
}
