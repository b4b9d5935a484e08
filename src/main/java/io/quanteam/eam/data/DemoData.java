package io.quanteam.eam.data;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.SortedMap;

/** A generated dataset with the timezone and close time its dates are in. */
record DemoData(SortedMap<String, SymbolBars> bars, ZoneId zone, LocalTime closeTime) {}
