/**
 * A spreadsheet's title above its table (csv-dialect.ts `titleRows`): taken only where the
 * lines above the first line of two filled cells fill one cell or none.
 */
import { describe, it, expect } from 'vitest';
import { detectDialect, titleRows } from '../../src/lib/engine/csv-dialect';

describe('titleRows', () => {
	it('finds a title of one filled cell per line, with empty lines between, and where the table starts', () => {
		const text = 'APBDes 2025;;;\n;;;\r\nDesa Sukamaju;;;\nyear;category;budget;realized\n2025;belanja;1;1\n';
		expect(titleRows(text, ';')).toEqual({ lines: 3, offset: text.indexOf('year'), text: 'APBDes 2025' });
		const d = detectDialect(text, 'utf-8', 'csv');
		expect(d).toMatchObject({ header: true, skip: 3, title: 'APBDes 2025', columns: ['year', 'category', 'budget', 'realized'] });
	});

	it('takes a line of empty cells above the header, with no title', () => {
		expect(titleRows(';;;\nyear;category;budget;realized\n2025;belanja;1;1\n', ';')).toEqual({ lines: 1, offset: 4, text: '' });
	});

	it('leaves alone a file whose first line is its header, or its first row', () => {
		expect(titleRows('year;category;budget\n2025;belanja;1\n', ';')).toBeNull();
		expect(titleRows('2025;belanja;1\n2025;belanja;2\n', ';')).toBeNull();
		expect(detectDialect('year;category;budget\n2025;belanja;1\n', 'utf-8', 'csv')).not.toHaveProperty('title');
		// Blank lines alone are the reader's to skip (leadingBlankLines), with no note.
		expect(titleRows('\n\nyear;category\n2025;belanja\n', ';')).toBeNull();
	});

	it('takes no title from a file of one column, a quoted value over several lines, or a half-empty first row', () => {
		expect(titleRows('name\nBudi\nAni\n', ';')).toBeNull();
		expect(titleRows('"a title\nover two lines";;\nyear;category;budget\n', ';')).toBeNull();
		// The first line of two filled cells fills less than half its cells: not a table's start.
		expect(titleRows('Title;;;;;\n2025;x;;;;\n', ';')).toBeNull();
		// More than ten lines above: not a title.
		expect(titleRows(`${'t;;\n'.repeat(11)}a;b;c\n`, ';')).toBeNull();
	});
});
