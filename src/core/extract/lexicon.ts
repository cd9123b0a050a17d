/**
 * Word lists the extractor relies on. They describe English news grammar (speech verbs, titles,
 * honorifics, function words); none of them names a particular person, outlet or story.
 */

/** Splits a whitespace-separated word list. */
function words(list: string): string[] {
  return list.trim().split(/\s+/)
}

const SPEECH_VERB_FORMS: string[][] = [
  ['say', 'says', 'said', 'saying'],
  ['tell', 'tells', 'told', 'telling'],
  ['add', 'adds', 'added', 'adding'],
  ['note', 'notes', 'noted', 'noting'],
  ['ask', 'asks', 'asked', 'asking'],
  ['write', 'writes', 'wrote', 'writing', 'written'],
  ['explain', 'explains', 'explained', 'explaining'],
  ['claim', 'claims', 'claimed', 'claiming'],
  ['insist', 'insists', 'insisted', 'insisting'],
  ['warn', 'warns', 'warned', 'warning'],
  ['argue', 'argues', 'argued', 'arguing'],
  ['state', 'states', 'stated', 'stating'],
  ['declare', 'declares', 'declared', 'declaring'],
  ['announce', 'announces', 'announced', 'announcing'],
  ['admit', 'admits', 'admitted', 'admitting'],
  ['acknowledge', 'acknowledges', 'acknowledged', 'acknowledging'],
  ['concede', 'concedes', 'conceded', 'conceding'],
  ['recall', 'recalls', 'recalled', 'recalling'],
  ['reply', 'replies', 'replied', 'replying'],
  ['respond', 'responds', 'responded', 'responding'],
  ['answer', 'answers', 'answered', 'answering'],
  ['comment', 'comments', 'commented', 'commenting'],
  ['remark', 'remarks', 'remarked', 'remarking'],
  ['observe', 'observes', 'observed', 'observing'],
  ['suggest', 'suggests', 'suggested', 'suggesting'],
  ['tweet', 'tweets', 'tweeted', 'tweeting'],
  ['post', 'posts', 'posted', 'posting'],
  ['vow', 'vows', 'vowed', 'vowing'],
  ['promise', 'promises', 'promised', 'promising'],
  ['pledge', 'pledges', 'pledged', 'pledging'],
  ['predict', 'predicts', 'predicted', 'predicting'],
  ['urge', 'urges', 'urged', 'urging'],
  ['call', 'calls', 'called', 'calling'],
  ['describe', 'describes', 'described', 'describing'],
  ['dismiss', 'dismisses', 'dismissed', 'dismissing'],
  ['complain', 'complains', 'complained', 'complaining'],
  ['lament', 'laments', 'lamented', 'lamenting'],
  ['boast', 'boasts', 'boasted', 'boasting'],
  ['joke', 'jokes', 'joked', 'joking'],
  ['quip', 'quips', 'quipped', 'quipping'],
  ['shout', 'shouts', 'shouted', 'shouting'],
  ['yell', 'yells', 'yelled', 'yelling'],
  ['scream', 'screams', 'screamed', 'screaming'],
  ['whisper', 'whispers', 'whispered', 'whispering'],
  ['mutter', 'mutters', 'muttered', 'muttering'],
  ['exclaim', 'exclaims', 'exclaimed', 'exclaiming'],
  ['recount', 'recounts', 'recounted', 'recounting'],
  ['confirm', 'confirms', 'confirmed', 'confirming'],
  ['deny', 'denies', 'denied', 'denying'],
  ['maintain', 'maintains', 'maintained', 'maintaining'],
  ['contend', 'contends', 'contended', 'contending'],
  ['assert', 'asserts', 'asserted', 'asserting'],
  ['emphasise', 'emphasises', 'emphasised', 'emphasising'],
  ['emphasize', 'emphasizes', 'emphasized', 'emphasizing'],
  ['stress', 'stresses', 'stressed', 'stressing'],
  ['caution', 'cautions', 'cautioned', 'cautioning'],
  ['agree', 'agrees', 'agreed', 'agreeing'],
  ['testify', 'testifies', 'testified', 'testifying'],
  ['counter', 'counters', 'countered', 'countering'],
  ['retort', 'retorts', 'retorted', 'retorting'],
  ['muse', 'muses', 'mused', 'musing'],
  ['conclude', 'concludes', 'concluded', 'concluding'],
  ['continue', 'continues', 'continued', 'continuing'],
  ['label', 'labels', 'labelled', 'labeled', 'labelling', 'labeling'],
  ['brand', 'brands', 'branded', 'branding'],
  ['speak', 'speaks', 'spoke', 'speaking', 'spoken'],
  ['report', 'reports', 'reported', 'reporting'],
  ['reiterate', 'reiterates', 'reiterated', 'reiterating'],
  ['defend', 'defends', 'defended', 'defending'],
  ['criticise', 'criticises', 'criticised', 'criticising'],
  ['criticize', 'criticizes', 'criticized', 'criticizing'],
  ['praise', 'praises', 'praised', 'praising'],
  ['hail', 'hails', 'hailed', 'hailing'],
  ['condemn', 'condemns', 'condemned', 'condemning'],
  ['welcome', 'welcomes', 'welcomed', 'welcoming'],
  ['accuse', 'accuses', 'accused', 'accusing'],
  ['demand', 'demands', 'demanded', 'demanding'],
  ['question', 'questions', 'questioned', 'questioning'],
  ['text', 'texts', 'texted', 'texting'],
  ['email', 'emails', 'emailed', 'emailing'],
  ['e-mail', 'e-mails', 'e-mailed', 'e-mailing'],
  ['put', 'puts'],
  ['sum', 'sums', 'summed'],
  ['point', 'points', 'pointed'],
  ['go', 'goes', 'went'],
  ['cry', 'cries', 'cried'],
  ['sigh', 'sighs', 'sighed'],
  ['plead', 'pleads', 'pleaded', 'pled'],
  ['beg', 'begs', 'begged'],
  ['threaten', 'threatens', 'threatened'],
  ['assure', 'assures', 'assured'],
  ['inform', 'informs', 'informed'],
  ['reveal', 'reveals', 'revealed', 'revealing'],
  ['disclose', 'discloses', 'disclosed'],
  ['mention', 'mentions', 'mentioned'],
  ['blame', 'blames', 'blamed'],
  ['estimate', 'estimates', 'estimated'],
  ['forecast', 'forecasts', 'forecasted'],
  ['interrupt', 'interrupts', 'interrupted'],
  ['chant', 'chants', 'chanted'],
  ['sing', 'sings', 'sang'],
  ['instruct', 'instructs', 'instructed'],
  ['order', 'orders', 'ordered'],
  ['urge', 'urges', 'urged'],
  ['vow', 'vows', 'vowed'],
  ['lament', 'laments', 'lamented'],
  ['boast', 'boasts', 'boasted']
]

/** Particles that must follow some verbs for them to report speech ("pointed out", "went on"). */
export const VERB_PARTICLE: ReadonlyMap<string, string> = new Map([
  ['put', 'it'],
  ['puts', 'it'],
  ['sum', 'up'],
  ['sums', 'up'],
  ['summed', 'up'],
  ['point', 'out'],
  ['points', 'out'],
  ['pointed', 'out'],
  ['go', 'on'],
  ['goes', 'on'],
  ['went', 'on']
])

/** Every inflected form of a reporting verb. */
export const SPEECH_VERBS: ReadonlySet<string> = new Set(SPEECH_VERB_FORMS.flat())

/** Courtesy titles written before a name; the value is the gender they imply, if any. */
export const HONORIFICS: ReadonlyMap<string, 'male' | 'female' | null> = new Map([
  ['mr', 'male'],
  ['mrs', 'female'],
  ['ms', 'female'],
  ['miss', 'female'],
  ['mx', null],
  ['dr', null],
  ['prof', null],
  ['sir', 'male'],
  ['dame', 'female'],
  ['lord', 'male'],
  ['lady', 'female'],
  ['baroness', 'female'],
  ['baron', 'male'],
  ['rev', null],
  ['fr', 'male'],
  ['sr', null],
  ['jr', null]
])

/** Capitalised words that make a name run a title ("Prime Minister", "Sen.", "Chief"). */
export const TITLE_WORDS: ReadonlySet<string> = new Set(
  words(`
    president vice prime minister ministers secretary state chancellor governor gov senator
    sen rep representative congressman congresswoman mayor judge justice chief executive
    officer director general chairman chairwoman chair ceo speaker leader king queen prince
    princess pope archbishop bishop cardinal father reverend rabbi imam sheikh doctor
    professor gen lt col capt captain sgt sergeant major admiral commander commissioner
    inspector detective constable superintendent supt deputy assistant attorney ambassador
    envoy foreign defence defense interior finance health education shadow home trade
    industry police coach manager councillor councilman councilwoman premier emir ayatollah
    spokesman spokeswoman spokesperson editor correspondent mp mep senior acting former
    first lady crown supreme leader agent trooper sheriff marshal private corporal cpl sgt
    det insp chairperson treasurer auditor comptroller magistrate coroner provost dean
    principal head headteacher boss skipper striker midfielder defender goalkeeper mr mrs ms
    miss dr prof sir dame lord baroness baron rev fr
  `)
)

/** Lower-case nouns that name a role ("top diplomat", "press secretary", "meteorologist"). */
export const ROLE_NOUNS: ReadonlySet<string> = new Set(
  words(`
    president minister secretary diplomat spokesman spokeswoman spokesperson director
    chairman chairwoman chair executive chief officer official leader head member editor
    correspondent reporter meteorologist analyst economist professor lawyer attorney senator
    governor mayor judge commissioner ambassador envoy adviser advisor aide manager founder
    owner candidate lawmaker legislator representative chancellor premier general colonel
    captain commander sergeant detective inspector superintendent coach player researcher
    scientist expert doctor nurse photographer veteran activist campaigner organiser
    organizer teacher student speaker deputy treasurer strategist pollster historian author
    writer novelist actor actress singer artist ceo partner consultant investor trader
    banker farmer worker driver pilot sheriff prosecutor solicitor barrister counsel priest
    pastor bishop rabbi imam mother father wife husband son daughter brother sister resident
    mp councillor chairperson physician surgeon engineer architect designer producer
    journalist broadcaster presenter host commentator columnist critic founder co-founder
    boss principal dean provost rector secretary-general director-general administrator
    regulator negotiator mediator specialist lecturer fellow curator owner operator vicar
    spokespeople officials tsar czar whip councilman councilwoman congressman congresswoman
    governor-general premier counsellor counselor coordinator supervisor superintendent
    trustee minister-president captain paramedic medic passenger victim survivor
    witness volunteer midfielder striker defender goalkeeper winger substitute skipper
    pacer bowler batter batsman spinner opener wicketkeeper keeper jockey
  `)
)

/** Lower-case words that may stand inside a role before a name ("top", "senior", "press"). */
export const ROLE_MODIFIERS: ReadonlySet<string> = new Set(
  words(`
    top senior deputy assistant former acting interim chief vice foreign defence defense
    interior finance general executive national regional local new longtime long-time
    veteran associate managing shadow junior press communications policy political security
    health education trade economic economics business science sports legal medical
    technical financial operating founding outgoing incoming then ex lead head principal
    special justice environment energy transport housing home affairs state party opposition
    government city county district police fire army navy military news world international
    european global north south east west america and de facto union labour labor club team
    company firm
  `)
)

/** Capitalised words that mark an organisation. */
export const ORG_WORDS: ReadonlySet<string> = new Set(
  words(`
    department ministry council commission party association company corp corporation inc
    ltd llc plc co airlines airways university police agency administration government bank
    group union committee institute organization organisation foundation news network times
    post service services court congress parliament senate office federation league board
    authority fund society club church army navy force forces coalition movement front
    alliance center centre hospital school college trust systems technologies media
    international bureau agency brotherhood institution commission assembly cabinet treasury
    reserve exchange holdings partners enterprises industries motors pharmaceuticals labs
    laboratories magazine journal herald tribune gazette press radio television tv
    broadcasting channel studios records entertainment festival council chambers chamber
    guard police patrol fbi cia nasa nato un eu who imf opec council democrats republicans
    conservatives liberals socialists greens electronics energy foods pharma capital ventures
    solutions software networks communications telecom mining resources petroleum chemicals
    logistics shipping lines railways railway insurance securities investments brands retail
    stores markets pictures publishing therapeutics biotech sciences semiconductor
    semiconductors devices instruments manufacturing automotive aerospace aviation utilities
    airline gallery galleries power electric steel
  `)
)

/** Capitalised words that mark a place or a thing, never a speaker. */
export const PLACE_WORDS: ReadonlySet<string> = new Set(
  words(`
    airport street st road avenue ave boulevard river island islands mountain mountains sea
    ocean lake lakes park square bridge city county province region valley coast beach
    museum station stadium arena palace tower building highway way lane drive bay gulf
    strait desert forest canyon peninsula republic kingdom states east west north south
    midwest day week amendment act bill law code war cup prize award awards games olympics
    championship election summit parade hotel mall embassy consulate port harbour
    harbor terminal spring crisis agreement treaty deal plan
  `)
)

/** Words written with a capital at a sentence start that are never names. */
export const SENTENCE_START_STOPWORDS: ReadonlySet<string> = new Set(
  words(`
    the a an in on at but and or so yet however despite although though while when after
    before during since because if as with without for from to of by under over this that
    these those it its he she they we i you his her their our my your there here then now
    still instead meanwhile earlier later also other others some many most all both each
    every several few more less one two three four five six seven eight nine ten last next
    first hours such what who why how where which whose no not nor even only just about
    around among amid across through until unlike like whether once thus therefore indeed
    already again further furthermore moreover besides nevertheless nonetheless otherwise
    perhaps maybe yes well oh please read watch listen see photo video map analysis up down
    out off into onto upon within near toward towards according following including except
    against between beyond inside outside whatever whoever everyone everybody anyone nobody
    someone something nothing everything last another any much very too tomorrow today
    yesterday tonight officials police authorities critics none
  `)
)

export const WEEKDAYS_AND_MONTHS: ReadonlySet<string> = new Set(
  words(`
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec
  `)
)

/** Prepositions after which a capitalised name is a place rather than an agent. */
export const LOCATIVE_PREPOSITIONS: ReadonlySet<string> = new Set(
  words(`
    in at from into near across outside inside throughout toward towards via around to
    through between over within off along
  `)
)

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS: ReadonlySet<string> = new Set(
  words(`
    mr mrs ms dr st sen gov rep gen lt col capt sgt prof rev jr sr inc corp ltd co no vs mt
    ft det insp supt cpl adm cmdr fr gens reps sens messrs approx est dept univ jan feb mar
    apr jun jul aug sep sept oct nov dec fig
  `)
)

/** Words that can stand between a subject and its reporting verb ("has also said"). */
export const SUBJECT_VERB_FILLERS: ReadonlySet<string> = new Set(
  words(`
    also has have had would will could can may might should must shall later earlier then
    once previously repeatedly recently again often now still just reportedly did does do
    not never always first last further even too already only subsequently initially
    originally finally ultimately quickly later yesterday today tonight simply is was were
    are been being be
  `)
)

/** Words that open a subordinate clause or a coordination: never part of a subject. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set(
  words(`
    while but and as because although though which who whom when if so whereas since after
    before until unless or nor yet that where whether then however even despite
  `)
)

/** Lower-case nouns for people who are not named ("an official", "a spokesman", "witnesses"). */
export const UNNAMED_SOURCE_NOUNS: ReadonlySet<string> = new Set(
  words(`
    official officials source sources spokesman spokeswoman spokesperson person people
    poster user users witness witnesses resident residents analyst analysts expert experts
    critic critics observer observers aide aides diplomat diplomats man woman men women
    someone somebody organizers organisers authorities police insider insiders member
    members protester protesters protestor protestors supporter supporters commenter
    commenters reader readers viewer viewers fan fans voter voters neighbour neighbours
    neighbor neighbors friend friends colleague colleagues relative relatives lawmakers
    legislators economists investors traders scientists researchers doctors officers
    forecasters executives employees workers staff statement report survey study poll
    forecast document memo note
  `)
)

/** Subject pronouns and what they can refer to. */
export const SUBJECT_PRONOUNS: ReadonlyMap<string, 'male' | 'female' | 'plural' | 'neuter'> =
  new Map([
    ['he', 'male'],
    ['she', 'female'],
    ['they', 'plural'],
    ['it', 'neuter']
  ])

/** Role nouns that tell the gender of the person they describe. */
export const GENDERED_ROLE_NOUNS: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['spokesman', 'male'],
  ['spokeswoman', 'female'],
  ['chairman', 'male'],
  ['chairwoman', 'female'],
  ['congressman', 'male'],
  ['congresswoman', 'female'],
  ['councilman', 'male'],
  ['councilwoman', 'female'],
  ['actor', 'male'],
  ['actress', 'female'],
  ['mother', 'female'],
  ['father', 'male'],
  ['wife', 'female'],
  ['husband', 'male'],
  ['son', 'male'],
  ['daughter', 'female'],
  ['brother', 'male'],
  ['sister', 'female'],
  ['king', 'male'],
  ['queen', 'female'],
  ['prince', 'male'],
  ['princess', 'female'],
  ['businessman', 'male'],
  ['businesswoman', 'female'],
  ['grandmother', 'female'],
  ['grandfather', 'male'],
  ['widow', 'female'],
  ['widower', 'male'],
  ['girl', 'female'],
  ['boy', 'male'],
  ['man', 'male'],
  ['woman', 'female']
])

/** Adjectives of nationality or region: a lone one ("Greek", "Italian") is never a speaker. */
export const NATIONALITY_ADJECTIVES: ReadonlySet<string> = new Set(
  words(`
    greek thai swiss czech dutch french british irish welsh scottish scots english spanish
    polish danish swedish finnish turkish kurdish chinese japanese vietnamese lebanese sudanese
    portuguese taiwanese nepalese congolese senegalese maltese american canadian mexican
    italian german russian ukrainian indian pakistani iranian iraqi israeli palestinian syrian
    egyptian saudi yemeni afghan korean australian brazilian argentine argentinian nigerian
    kenyan ethiopian somali libyan tunisian moroccan algerian belgian austrian hungarian
    romanian bulgarian serbian croatian norwegian icelandic european african asian arab
    qatari emirati kuwaiti omani jordanian chilean peruvian colombian venezuelan cuban
    filipino indonesian malaysian singaporean bangladeshi armenian latvian lithuanian
    estonian slovak slovenian bosnian albanian cypriot kazakh uzbek mongolian burmese
    cambodian ghanaian ugandan tanzanian zimbabwean european-born
  `)
)

/**
 * Common English given names whose bearers are mostly of one gender, so that "he said" does not
 * land on a woman the text never called "she" (and the reverse). Names shared by both genders
 * (Alex, Sam, Jo, Robin, Jordan) are left out on purpose.
 */
export const GIVEN_NAME_GENDER: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ...words(`
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty
    margaret sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah
    stephanie rebecca sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma
    nicole helen samantha katherine christine debra rachel carolyn janet catherine maria heather
    diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith
    megan andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn
    janice jean abigail alice judy sophia grace denise amber doris marilyn danielle beverly
    isabella theresa diana natalie brittany charlotte marie kayla alexis lori claire beth
    ellen eleanor harriet agnes fiona sophie lucy chloe zoe ella mia ava isla freya priya
    sunita meera kavya anita fatima aisha leila elif ines ingrid greta anke lena nadia
  `).map((n): [string, 'female'] => [n, 'female']),
  ...words(`
    james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    bryan joe billy bruce albert willie gabriel logan alan juan wayne roy ralph randy
    eugene vincent russell elijah louis bobby philip johnny tom tim jim bill bob mike dave
    steve ian colin declan owen liam connor hugo oliver harry marcus omar tarik yusuf rohan
    vikram raj suresh hans jonas henrik lars sven pierre jean-pierre luca marco giovanni
  `).map((n): [string, 'male'] => [n, 'male'])
])
