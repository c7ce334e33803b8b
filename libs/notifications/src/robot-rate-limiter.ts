/**
 * DingTalk and WeCom group robots accept at most 20 messages per minute each. A sliding window per
 * robot URL: `reserve` says how long to wait before the next send may go out (0 = now).
 * Time comes from the caller, so tests drive it.
 */
export class RobotRateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit = 20,
    private readonly windowMs = 60_000,
  ) {}

  /** Records a send at the earliest allowed instant ≥ nowMs and returns the wait in ms. */
  reserve(robot: string, nowMs: number): number {
    const times = (this.sent.get(robot) ?? []).filter((t) => t > nowMs - this.windowMs);
    let at = nowMs;
    if (times.length >= this.limit) at = times[times.length - this.limit]! + this.windowMs;
    times.push(at);
    this.sent.set(robot, times.slice(-this.limit));
    return at - nowMs;
  }
}
