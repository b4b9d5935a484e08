package io.quanteam.eam.dsl;

/** A reference to a numeric entry of the document's {@code params}. */
public record Param(String pointer, String paramId) implements Node {}
