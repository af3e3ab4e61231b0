import type { Consumer } from 'kafkajs';
import type { Logger } from '@tmrm/common';
import type { CommitOffset, OffsetTracker } from './offset-tracker';

/**
 * Commits acknowledged offsets, one request at a time: acknowledgements that
 * arrive while a commit is on its way are folded into the next one, so the number
 * of commit requests adapts to the broker's speed rather than to the record rate.
 */
export class OffsetCommitter {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly tracker: OffsetTracker,
    private readonly log: Logger,
  ) {}

  schedule(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Waits for the commit on its way, then commits whatever is still acknowledged. */
  async flush(): Promise<void> {
    await this.running;
    this.schedule();
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const commits = this.tracker.takeCommits();
      if (commits.length > 0) await this.commit(commits);
    } while (this.again);
  }

  private async commit(commits: CommitOffset[]): Promise<void> {
    try {
      await this.consumer.commitOffsets(commits);
      this.log.debug({ commits }, 'offsets committed');
    } catch (error) {
      // Mostly a rebalance under way: the partitions' next owner re-reads from the
      // last successful commit, so the records are delivered again, not lost.
      this.log.warn({ commits, error: String(error) }, 'commit failed; records will be re-read');
    }
  }
}
