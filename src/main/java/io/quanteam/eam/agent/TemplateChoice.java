package io.quanteam.eam.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quanteam.eam.json.Json;
import java.util.List;
import java.util.Locale;

/**
 * Which template an idea asks for and why (02 §11): {@code extensions.strategy_template} when it names one, else the
 * first template keyword found as a whole word in the hypothesis, the evaluation intent or the title (templates
 * tried in a fixed order), else buy-and-hold as the baseline. The rationale says which.
 */
public record TemplateChoice(StrategyTemplate template, ObjectNode rationale) {
  private static final List<String> FIELDS = List.of("hypothesis_text", "evaluation_intent", "title");
  private static final List<StrategyTemplate> ORDER = List.of(StrategyTemplate.MA_CROSSOVER,
      StrategyTemplate.RSI_MEAN_REVERSION, StrategyTemplate.BREAKOUT, StrategyTemplate.MOMENTUM,
      StrategyTemplate.BUY_AND_HOLD);

  public static TemplateChoice of(JsonNode idea) {
    JsonNode named = idea.path("extensions").path("strategy_template");
    if (named.isTextual()) {
      StrategyTemplate t = StrategyTemplate.byId(named.asText()).orElseThrow(); // the idea's contract lists them
      return new TemplateChoice(t, rationale(t, "extensions.strategy_template", null, null,
          "the idea names the template " + t.id() + " in extensions.strategy_template"));
    }
    for (String field : FIELDS) {
      String text = idea.path(field).asText("").toLowerCase(Locale.ROOT);
      for (StrategyTemplate t : ORDER) {
        java.util.Optional<String> keyword = t.keywordIn(text);
        if (keyword.isPresent()) {
          return new TemplateChoice(t, rationale(t, "keyword", field, keyword.get(),
              field + " says \"" + keyword.get() + "\", a word of the " + t.id() + " template"));
        }
      }
    }
    StrategyTemplate t = StrategyTemplate.BUY_AND_HOLD;
    return new TemplateChoice(t, rationale(t, "default", null, null, "no template is named and no template keyword "
        + "is in hypothesis_text, evaluation_intent or title: buy_and_hold, the baseline every idea is measured against"));
  }

  private static ObjectNode rationale(StrategyTemplate t, String pickedBy, String field, String keyword, String text) {
    ObjectNode r = Json.object();
    r.put("template", t.id());
    r.put("picked_by", pickedBy);
    if (field != null) {
      r.put("field", field);
      r.put("keyword", keyword);
    }
    r.put("text", text);
    ObjectNode params = r.putObject("params");
    t.defaults().forEach(params::put);
    return r;
  }
}
