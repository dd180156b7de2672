/**
 * Interned strings: component ids, details and notes are stored in programs and in the trace as
 * numbers. An id, once given, never changes for the life of a simulation.
 */
export class NameTable {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  name(id: number): string {
    return this.names[id] as string;
  }
}
