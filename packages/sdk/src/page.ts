/** A page of a list answer: pass `nextCursor` as `lt` (or as `gt` when listing ascending) for the next one. */
export interface Page<T> {
  data: T[];
  /** Whether more items follow this page. */
  hasMore: boolean;
  /** The cursor of the next page, null on the last one. */
  nextCursor: string | null;
}

/** Query parameters every list endpoint takes. */
export interface ListOptions {
  /** Items per page, 1–1000 (the server clamps; default 100). */
  limit?: number;
  /** Cursor: only items whose id is below this one. */
  lt?: string;
  /** Cursor: only items whose id is above this one. */
  gt?: string;
  /** Page number, 1–100 (offset pagination; prefer the cursors). */
  page?: number;
  sort?: 'id' | 'createdAt';
  /** Newest first (`desc`, the default) or oldest first. */
  direction?: 'asc' | 'desc';
}
