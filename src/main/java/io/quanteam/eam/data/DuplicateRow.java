package io.quanteam.eam.data;

/**
 * A row whose symbol and date an earlier row already has, with different values: where both are in the file,
 * so the parser can name the line and the cell that differ.
 *
 * @param keptLine   1-based line number of the first row read for this symbol and date
 * @param keptOffset byte offset of that line in the file
 */
record DuplicateRow(String symbol, int day, int keptLine, int keptOffset, int line, int offset) {}
