/** A clock that stands still until a test moves it; give `() => clock.now()` to a service. */
export class TestClock {
  constructor(private current: Date) {}

  now(): Date {
    return new Date(this.current);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
