// English function words and boilerplate words of paper abstracts, left out of the recommendation index: they
// say nothing about a topic and only slow the BM25 queries down (every abstract contains "we" and "propose").
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been being but by can could did do does for from had has have how however if in into is it its " +
    "itself more most much no nor not of on or other our ours over same should so such than that the their them then there " +
    "these they this those through to too under up very was we were what when where which while who whom why will with " +
    "within without would you your yet also both each few further here just only own all any between during before after " +
    "above below again once about against via per across among using use used uses based propose proposed proposes show " +
    "shows shown results result paper approach method methods new novel existing prior work works demonstrate achieve " +
    "achieves significantly significant state art performance first however while well"
  ).split(/\s+/u),
);
