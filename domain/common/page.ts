// One page of a list, as every list endpoint answers it (widgets import this type too).
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
