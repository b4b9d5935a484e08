package io.quanteam.eam.report;

/** An axis tick: its position in data units (epoch day or value) and its label. */
record Tick(double at, String label) {}
