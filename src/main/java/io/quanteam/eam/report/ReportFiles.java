package io.quanteam.eam.report;

import java.nio.file.Path;

/** The two report files written into a dossier's {@code reports/} folder. */
public record ReportFiles(Path markdown, Path html) {}
