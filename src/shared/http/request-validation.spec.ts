import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { InvalidRequestError, requestValidationPipe } from './request-validation';

class PageQuery {
  @IsOptional()
  @IsIn(['a', 'b'])
  view?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

const asQuery = { type: 'query', metatype: PageQuery } as const;

describe('requestValidationPipe on query strings', () => {
  it('gives a repeated query its own validated DTO every time', async () => {
    const pipe = requestValidationPipe();
    const first = (await pipe.transform({ view: 'a', limit: '10' }, asQuery)) as PageQuery;
    expect(first).toBeInstanceOf(PageQuery);
    expect(first).toEqual({ view: 'a', limit: 10 });
    first.limit = 99; // a caller changing its copy
    const second = (await pipe.transform({ view: 'a', limit: '10' }, asQuery)) as PageQuery;
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).not.toBe(first);
    expect(second).toEqual({ view: 'a', limit: 10 });
  });

  it('still refuses a bad query, before and after a good one with the same keys', async () => {
    const pipe = requestValidationPipe();
    await expect(pipe.transform({ view: 'c' }, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
    await pipe.transform({ view: 'a' }, asQuery);
    await expect(pipe.transform({ view: 'c' }, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(pipe.transform({ view: 'a', extra: '1' }, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(pipe.transform({ limit: '0' }, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
  });

  it('validates long queries every time rather than keeping them', async () => {
    const pipe = requestValidationPipe();
    const long = { view: 'a'.repeat(600) };
    await expect(pipe.transform(long, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(pipe.transform(long, asQuery)).rejects.toBeInstanceOf(InvalidRequestError);
  });
});
