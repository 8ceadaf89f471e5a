/**
 * The benchmark's progress lines and its highest-RSS figures: RSS sampled
 * every 100 ms, so a peak between two lines is seen. The figures after a
 * forced collection leave out the room V8's heap grows into between its own
 * collections; the highest RSS is what a memory limit on the process meets.
 */
/** Bytes in whole megabytes. */
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const highest = { sinceLog: 0, sinceMark: 0 };

function sampleRss(): void {
  const rss = process.memoryUsage.rss();
  highest.sinceLog = Math.max(highest.sinceLog, rss);
  highest.sinceMark = Math.max(highest.sinceMark, rss);
}
setInterval(sampleRss, 100).unref();

/** The highest RSS since the previous call, in MB; each call starts the next count. */
export function rssPeakSinceMark(): number {
  sampleRss();
  const peak = highest.sinceMark;
  highest.sinceMark = 0;
  return mb(peak);
}

/** A progress line on stderr with this process's RSS and the highest since the previous line. */
export function log(s: string): void {
  sampleRss();
  process.stderr.write(`${s} (RSS ${mb(process.memoryUsage.rss())} MB, highest since the previous line ${mb(highest.sinceLog)} MB)\n`);
  highest.sinceLog = 0;
}
