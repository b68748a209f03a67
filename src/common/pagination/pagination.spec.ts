import { InvalidPageError } from '../errors/domain-errors';
import { pageRequest, toPage } from './pagination';

describe('pageRequest', () => {
  it('defaults to page 1 of 10', () => {
    expect(pageRequest({})).toEqual({ page: 1, pageSize: 10, offset: 0 });
  });

  it('turns page and page size into an offset, capping the size at 100', () => {
    expect(pageRequest({ page: '3', page_size: 25 })).toEqual({ page: 3, pageSize: 25, offset: 50 });
    expect(pageRequest({ page: '2', page_size: 1000 })).toEqual({ page: 2, pageSize: 100, offset: 100 });
  });

  it.each(['0', '-1', 'abc', '1.5', '', ' 2', '1e2', '99999999999999999999', '300000000'])('refuses page %p as an invalid page', (page) => {
    expect(() => pageRequest({ page, page_size: 100 })).toThrow(InvalidPageError);
  });
});

describe('toPage', () => {
  const url = new URL('https://api.example.com/api/users/7/bookings/?page=2&page_size=10&status=confirmed');

  it('links to the neighbouring pages with absolute URLs that keep the other parameters', () => {
    const page = toPage({ page: 2, pageSize: 10, offset: 10 }, 25, ['a'], url);
    expect(page.count).toBe(25);
    expect(page.results).toEqual(['a']);
    expect(page.next).toBe('https://api.example.com/api/users/7/bookings/?page=3&page_size=10&status=confirmed');
    expect(page.previous).toBe('https://api.example.com/api/users/7/bookings/?page=1&page_size=10&status=confirmed');
  });

  it('has no next link on the last page and no previous link on the first', () => {
    expect(toPage({ page: 3, pageSize: 10, offset: 20 }, 25, [], url).next).toBeNull();
    expect(toPage({ page: 1, pageSize: 10, offset: 0 }, 25, [], url).previous).toBeNull();
  });

  it('answers page 1 of nothing as an empty page, and any later page as invalid', () => {
    expect(toPage({ page: 1, pageSize: 10, offset: 0 }, 0, [], url)).toEqual({ count: 0, next: null, previous: null, results: [] });
    expect(() => toPage({ page: 2, pageSize: 10, offset: 10 }, 0, [], url)).toThrow(InvalidPageError);
    expect(() => toPage({ page: 4, pageSize: 10, offset: 30 }, 25, [], url)).toThrow(InvalidPageError);
  });
});
