/**
 * A GOV.UK table head of plain column headers, with an optional last header read only by screen
 * readers (the column of a row's links and buttons).
 */
export function TableHead({ columns, hiddenLast }: { columns: string[]; hiddenLast?: string }) {
  return (
    <thead className="govuk-table__head">
      <tr className="govuk-table__row">
        {columns.map((column) => (
          <th scope="col" className="govuk-table__header" key={column}>
            {column}
          </th>
        ))}
        {hiddenLast !== undefined && (
          <th scope="col" className="govuk-table__header">
            <span className="govuk-visually-hidden">{hiddenLast}</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
