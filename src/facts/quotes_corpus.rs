//! Corpus of quote examples, one pattern each: the text and every attribution it must give
//! (speaker, cue, content, addressee, direct), plus negative examples that must give none.
//! One harness (in `quotes.rs` tests) turns each entry into an assertion. This module
//! depends on nothing; it is compiled only for tests.

/// One expected attribution, by surface text.
pub struct Expect {
    pub speaker: Option<&'static str>,
    pub cue: &'static str,
    pub content: &'static str,
    pub addressee: Option<&'static str>,
    pub direct: bool,
}

const fn q(
    speaker: &'static str,
    cue: &'static str,
    content: &'static str,
    direct: bool,
) -> Expect {
    Expect {
        speaker: Some(speaker),
        cue,
        content,
        addressee: None,
        direct,
    }
}

const fn told(
    speaker: &'static str,
    cue: &'static str,
    addressee: &'static str,
    content: &'static str,
) -> Expect {
    Expect {
        speaker: Some(speaker),
        cue,
        content,
        addressee: Some(addressee),
        direct: false,
    }
}

/// An attribution that names no source ("Obama is expected to ...").
const fn unsourced(cue: &'static str, content: &'static str) -> Expect {
    Expect {
        speaker: None,
        cue,
        content,
        addressee: None,
        direct: false,
    }
}

/// (why the example exists, text, expected attributions in cue order).
pub static EXAMPLES: &[(&str, &str, &[Expect])] = &[
    ("curly quotes, source then cue", "“We will win,” Smith said.", &[q("Smith", "said", "“We will win,”", true)]),
    ("curly quotes, inverted with apposition", "“We will win,” said Jane Smith, a senior adviser to the campaign.", &[q("Jane Smith, a senior adviser to the campaign", "said", "“We will win,”", true)]),
    ("straight quotes", "\"We are ready,\" the minister said.", &[q("the minister", "said", "\"We are ready,\"", true)]),
    ("guillemets", "«We are ready,» the minister said.", &[q("the minister", "said", "«We are ready,»", true)]),
    ("corner brackets", "「We are ready,」 the minister said.", &[q("the minister", "said", "「We are ready,」", true)]),
    ("single curly quotes", "‘We are ready,’ the minister said.", &[q("the minister", "said", "‘We are ready,’", true)]),
    ("multi-sentence quote", "“We are ready. We will win,” Smith said.", &[q("Smith", "said", "“We are ready. We will win,”", true)]),
    ("question mark splits the sentence", "“Why not?” Smith asked.", &[q("Smith", "asked", "“Why not?”", true)]),
    ("colon before the quote", "Smith said: “We are ready.”", &[q("Smith", "said", "“We are ready.”", true)]),
    ("reported, source then cue", "The economy is growing again, the minister said.", &[q("the minister", "said", "The economy is growing again", false)]),
    ("reported, inverted", "The economy is growing again, said the minister.", &[q("the minister", "said", "The economy is growing again", false)]),
    ("reported with that", "Smith said that the economy is growing.", &[q("Smith", "said", "that the economy is growing", false)]),
    ("reported without that", "Smith said the economy is growing.", &[q("Smith", "said", "the economy is growing", false)]),
    ("adjunct before that", "Smith said in a statement that the economy is growing.", &[q("Smith", "said", "that the economy is growing", false)]),
    ("told with addressee and that", "Smith told reporters that the economy is growing.", &[told("Smith", "told", "reporters", "that the economy is growing")]),
    ("told a named addressee", "Smith told Reuters the economy is growing.", &[told("Smith", "told", "Reuters", "the economy is growing")]),
    ("phrasal cue", "Smith pointed out that the economy is growing.", &[q("Smith", "pointed out", "that the economy is growing", false)]),
    (
        "noted, adding that",
        "The plan failed, Smith noted, adding that costs rose sharply.",
        &[q("Smith", "noted", "The plan failed", false), q("Smith", "adding", "that costs rose sharply", false)],
    ),
    ("according to, leading", "According to the ministry, exports rose 5 percent last year.", &[q("the ministry", "According to", "exports rose 5 percent last year", false)]),
    ("according to, trailing", "Exports rose 5 percent last year, according to the ministry.", &[q("the ministry", "according to", "Exports rose 5 percent last year", false)]),
    ("belief with that", "The company believes that demand will recover soon.", &[q("The company", "believes", "that demand will recover soon", false)]),
    ("announce", "The company announced that it will cut 500 jobs.", &[q("The company", "announced", "that it will cut 500 jobs", false)]),
    ("lowercase plural source", "Officials warned that the storm could hit the coast.", &[q("Officials", "warned", "that the storm could hit the coast", false)]),
    ("pronoun source", "He argued that the deal was unfair to workers.", &[q("He", "argued", "that the deal was unfair to workers", false)]),
    ("negated", "Smith did not say whether the plan would go ahead.", &[q("Smith", "say", "whether the plan would go ahead", false)]),
    ("split quote", "“We are ready,” he said. “We will win.”", &[Expect { speaker: Some("he"), cue: "said", content: "“We are ready,” | “We will win.”", addressee: None, direct: true }]),
    ("doubled apostrophes as quotation marks", "''We are ready,'' Mr. Kerry said.", &[q("Mr. Kerry", "said", "''We are ready,''", true)]),
    ("quotation inside a sentence, cue after it", "Golf clubs are ''just scratching out a profit,'' Mr. Hedge said.", &[q("Mr. Hedge", "said", "Golf clubs are ''just scratching out a profit,''", false)]),
    ("addressee before the colon", "Smith told The Huffington Post: “We are ready.”", &[Expect { speaker: Some("Smith"), cue: "told", content: "“We are ready.”", addressee: Some("The Huffington Post"), direct: true }]),
    ("apposition before the cue", "Sanders, a senator from Vermont, said the economy is rigged.", &[q("Sanders, a senator from Vermont", "said", "the economy is rigged", false)]),
    ("parenthesis after the name", "John Cornyn (R-Texas) told reporters that he would be surprised.", &[told("John Cornyn (R-Texas)", "told", "reporters", "that he would be surprised")]),
    ("parenthetical attribution", "The solution, the partner said, was simple and cheap.", &[Expect { speaker: Some("the partner"), cue: "said", content: "The solution | was simple and cheap", addressee: None, direct: false }]),
    ("coordinated verb borrows the subject", "Ms. Conway rejected the idea and said that Mr. Manafort was not being diminished.", &[q("Ms. Conway", "rejected", "the idea", false), q("Ms. Conway", "said", "that Mr. Manafort was not being diminished", false)]),
    ("participle borrows the subject", "Carly Fiorina endorsed Ted Cruz on Wednesday, saying it is time for a real conservative.", &[q("Carly Fiorina", "endorsed", "Ted Cruz on Wednesday", false), q("Carly Fiorina", "saying", "it is time for a real conservative", false)]),
    ("indirect question", "Reporters asked him whether the plan would survive.", &[Expect { speaker: Some("Reporters"), cue: "asked", content: "whether the plan would survive", addressee: Some("him"), direct: false }]),
    ("according to without a comma", "Clinton leads Sanders by 271 delegates according to a count by the Associated Press.", &[q("a count by the Associated Press", "according to", "Clinton leads Sanders by 271 delegates", false)]),
    ("content stops where the next attribution starts", "While Comey has said that he makes recommendations, Lewandowski said he does not.", &[q("Comey", "said", "that he makes recommendations", false), q("Lewandowski", "said", "he does not", false)]),
    ("an adjunct between quotation and cue, speaker after the cue", "“This will be a challenge” for Clinton, said Kunin.", &[q("Kunin", "said", "“This will be a challenge”", true)]),
    ("name and colon before a quotation", "Kasich: ‘We are going to go all the way to Cleveland.’", &[q("Kasich", ":", "‘We are going to go all the way to Cleveland.’", true)]),
    (
        "transcript turns",
        "TAPPER: Do you think he has campaigned as a healer?\nFALLIN: I think he is trying to campaign as a healer.",
        &[q("TAPPER", ":", "Do you think he has campaigned as a healer?", false), q("FALLIN", ":", "I think he is trying to campaign as a healer", false)],
    ),
    ("non-restrictive relative speaker", "He met Sanders, who said the system is rigged, on Monday.", &[q("who", "said", "the system is rigged", false)]),
    ("a quoted label", "Trump called the plan “an absolute disgrace.”", &[q("Trump", "called", "the plan “an absolute disgrace.”", false)]),
    ("adjunct, then a pronoun subject", "Adelson said on Friday he met Trump earlier this week.", &[q("Adelson", "said", "he met Trump earlier this week", false)]),
    ("participle inside an apposition", "Sexton, a creative writing professor, said he holds his roots dear.", &[q("Sexton, a creative writing professor", "said", "he holds his roots dear", false)]),
    // Stance cues (evidence, evaluation, support, intention): the object is the content.
    ("stance verb with a noun-phrase object", "Sanders endorsed Clinton on Tuesday.", &[q("Sanders", "endorsed", "Clinton on Tuesday", false)]),
    ("evidence verb with a small clause", "The poll shows Trump with a four-point lead.", &[q("The poll", "shows", "Trump with a four-point lead", false)]),
    ("a finding with that", "The researchers found that turnout fell sharply.", &[q("The researchers", "found", "that turnout fell sharply", false)]),
    ("declined takes an infinitive", "The aide declined to comment.", &[q("The aide", "declined", "to comment", false)]),
    ("base form after a plural subject", "Recent polls show Clinton ahead in Ohio.", &[q("Recent polls", "show", "Clinton ahead in Ohio", false)]),
    ("participle of a stance verb", "Trump attacked the plan, calling it “a disaster.”", &[q("Trump", "attacked", "the plan", false), q("Trump", "calling", "it “a disaster.”", false)]),
    ("called for is a stance", "She called for “an end to the war.”", &[q("She", "called for", "“an end to the war.”", true)]),
    // Sources that are absent or written loosely.
    ("passive raising verb: subject and infinitive are the content", "Obama is expected to join Clinton on the campaign trail.", &[unsourced("expected", "Obama | to join Clinton on the campaign trail")]),
    ("it was reported that", "It was reported that the talks had failed.", &[unsourced("reported", "the talks had failed")]),
    ("a question put to someone unnamed", "Asked whether he would run again, Smith smiled.", &[unsourced("Asked", "he would run again")]),
    ("speaker after the quotation, any short run of words", "“We will win,” CBS This Morning co-anchor DeMarco Morgan said.", &[q("CBS This Morning co-anchor DeMarco Morgan", "said", "“We will win,”", true)]),
    ("speaker before a quotation after a comma", "Another source familiar with his thinking said, “He will try.”", &[q("Another source familiar with his thinking", "said", "“He will try.”", true)]),
    ("a quotation signed with a dash", "“Nobody wants this at all.” — Steve Quinlan\nThe vote is on Monday.", &[q("Steve Quinlan", "—", "“Nobody wants this at all.”", true)]),
    ("a one-word answer", "Most voters said yes.", &[q("Most voters", "said", "yes", false)]),
    ("participle then a quotation after a comma", "Sanders praised the plan, saying, “It is a good start.”", &[q("Sanders", "praised", "the plan", false), q("Sanders", "saying", "“It is a good start.”", true)]),
    ("an inserted phrase does not end the content", "Smith said Trump, despite his wealth, is well placed.", &[q("Smith", "said", "Trump, despite his wealth, is well placed", false)]),
    ("a source with a for-phrase and an addressee before that", "A producer for Yahoo Studios told The New York Times on Tuesday that the interview was canceled.", &[told("A producer for Yahoo Studios", "told", "The New York Times", "that the interview was canceled")]),
    ("a leading participle clause is not the content when 'that' follows the cue", "Appearing acutely aware of how liberal primary voters, particularly in Iowa, view her hawkish reputation, Mrs. Clinton said on Saturday that \"this cannot be an American fight\" and that the United States should not bear the bulk of the responsibility.", &[q("Mrs. Clinton", "said", "that \"this cannot be an American fight\" and that the United States should not bear the bulk of the responsibility", false)]),
    ("a participle's that after an adjunct", "Trump praised the vote, telling reporters on Friday that it was a great thing.", &[q("Trump", "praised", "the vote", false), q("Trump", "telling", "that it was a great thing", false)]),
    ("a survey share as the source", "About 85% of Democrats said the system favors the wealthy.", &[q("About 85% of Democrats", "said", "the system favors the wealthy", false)]),
    ("a description, then the name in apposition", "The state's campaign chairman, Phil Lovas, said he cannot comment on the letter.", &[q("The state's campaign chairman, Phil Lovas", "said", "he cannot comment on the letter", false)]),
    ("a party and state tag with abbreviation points", "“It is a disaster,” Sen. Chuck Schumer, D-N.Y., said.", &[q("Sen. Chuck Schumer, D-N.Y.", "said", "“It is a disaster,”", true)]),
    ("a number-led title after an inverted cue", "“They are wrong,” said 9/11 widow Terry Strada.", &[q("9/11 widow Terry Strada", "said", "“They are wrong,”", true)]),
    ("a capitalised agent noun with an at-phrase opens the sentence", "Officials at Homeland Security Investigations said they were concerned about fraud.", &[q("Officials at Homeland Security Investigations", "said", "they were concerned about fraud", false)]),
    ("a day between the source and its verb", "Sanders on Tuesday said he wants to attack four provisions in the tax code.", &[q("Sanders", "said", "he wants to attack four provisions in the tax code", false)]),
    ("a that-verb with a short clause and no that", "She acknowledged it was unlikely to work.", &[q("She", "acknowledged", "it was unlikely to work", false)]),
    ("quoted as saying", "Mr. Smith was quoted as saying that the talks had collapsed.", &[q("Mr. Smith", "quoted as saying", "that the talks had collapsed", false)]),
    ("too much as a subject", "Mike Pence says too much is made of the tweets.", &[q("Mike Pence", "says", "too much is made of the tweets", false)]),
    ("a source with a prepositional phrase after its head", "Scott's relatives watched it on Thursday, attorneys for the family said.", &[q("attorneys for the family", "said", "Scott's relatives watched it on Thursday", false)]),
    ("a name with an inner preposition as the source", "The nonpartisan Commission on Presidential Debates says there was a problem with the microphone.", &[q("The nonpartisan Commission on Presidential Debates", "says", "there was a problem with the microphone", false)]),
    ("an inverted source followed by an adjunct", "The meeting deteriorated from there, said one GOP source in the room.", &[q("one GOP source", "said", "The meeting deteriorated from there", false)]),
    ("an adjunct with a place before that", "Clinton says at a campaign stop in Toledo, Ohio, that it means Trump never paid.", &[q("Clinton", "says", "that it means Trump never paid", false)]),
    ("an addressee with a programme title in quotation marks", "Sanders told MSNBC's “Morning Joe” that nobody would question her intelligence.", &[told("Sanders", "told", "MSNBC's “Morning Joe”", "that nobody would question her intelligence")]),
    ("an inverted writer with a for-phrase", "“The impact is still small,” wrote Cameron Easley for Morning Consult.", &[q("Cameron Easley", "wrote", "“The impact is still small,”", true)]),
    ("a name that is also an auxiliary", "British Prime Minister Theresa May said the country would leave.", &[q("British Prime Minister Theresa May", "said", "the country would leave", false)]),
    ("an object ends before a coordinated clause with its own subject", "The city urged people to seek shelter, and the hashtag was soon trending.", &[q("The city", "urged", "people to seek shelter", false)]),
    ("a colon, then unquoted words to the paragraph's end", "The governor added:  It is typical of her. She knows nothing.\nThe crowd cheered.", &[q("The governor", "added", "It is typical of her. She knows nothing.", false)]),
    ("a present progressive is a finite cue", "Clinton is stressing that the economy is strong.", &[q("Clinton", "stressing", "that the economy is strong", false)]),
    ("a progressive of a finding verb is no cue", "Sales are showing strong growth this year.", &[]),
    ("straight single quotes", "'We are ready,' Mr. Cook said. 'The team is strong.'", &[q("Mr. Cook", "said", "'We are ready,' | 'The team is strong.'", true)]),
    ("a parenthesis closing the source of according to", "More than 100,000 people took part in the walk-in, according to the organizer Alliance to Reclaim Our Schools (AROS).", &[q("the organizer Alliance to Reclaim Our Schools (AROS)", "according to", "More than 100,000 people took part in the walk-in", false)]),
    // Negative examples: nothing is attributed.
    ("a source with a time after a preposition is no phrase", "He met officials on Monday said to be close to the deal.", &[]),
    ("a that-verb with a noun object is no clause", "He added the words to the letter on Friday.", &[]),
    ("no cue", "He walked to the store on Monday.", &[]),
    ("cue word as a noun", "The claims were false and the reports were wrong.", &[]),
    ("belief without that", "I think so.", &[]),
    ("imperative", "Tell me a story about the war.", &[]),
    ("scare quotes without cue", "The so-called “reform” failed in the Senate.", &[]),
    ("cue with a noun object only", "He said nothing.", &[]),
    ("a one-sentence first paragraph: a finding needs a clause", "Police found the body of a man near the river.", &[]),
    ("apostrophes are no quotation marks", "Rock 'n' roll fans in the '90s bought the players' records.", &[]),
    ("noun object of a non-clause verb", "Clinton maintains a commanding lead among black voters.", &[]),
    ("participle that is not speech", "Sanders won the Minnesota caucus, claiming his third victory of the night.", &[]),
    ("capitalised cue word is a name", "The United States began airstrikes in 2014.", &[]),
    ("question verb without a question", "She asked him to leave the room at once.", &[]),
    ("a capitalised label is not a speaker", "BOOM: Trump just fired a missile at Hillary.", &[]),
    ("a headline label with a determiner", "The Latest: Sanders wins the Minnesota caucuses.", &[]),
    ("restrictive relative runs into the main clause", "Voters who said the economy mattered most backed Sanders.", &[]),
    ("an introductory phrase is no content", "In his speech, the president said nothing new.", &[]),
    ("a thing called by a name", "Both oppose an inflation formula called the “chained CPI.”", &[]),
    ("a stance verb's base form is a noun", "His support for the plan was never in doubt.", &[]),
    ("found with a plain object is no finding", "Facebook found the posting on Thursday.", &[]),
    ("declined without an infinitive is a change", "Sales declined sharply in May.", &[]),
    ("a passive cue with an agent", "The plan was announced on Monday by the city.", &[]),
];
