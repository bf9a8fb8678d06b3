/** Container names: Docker's validation rule and its adjective_surname generator. */
import { pick, type RngState } from "../rng";

const words = (text: string) => text.trim().split(/\s+/);

export const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

const LEFT = words(`
  admiring adoring affectionate agitated amazing angry awesome beautiful blissful bold boring brave
  busy charming clever compassionate competent condescending confident cool cranky crazy dazzling
  determined distracted dreamy eager ecstatic elastic elated elegant eloquent epic exciting fervent
  festive flamboyant focused friendly frosty funny gallant gifted goofy gracious great happy hardcore
  heuristic hopeful hungry infallible inspiring intelligent interesting jolly jovial keen kind
  laughing loving lucid magical modest musing mystifying naughty nervous nice nifty nostalgic
  objective optimistic peaceful pedantic pensive practical priceless quirky quizzical recursive
  relaxed reverent romantic sad serene sharp silly sleepy stoic strange stupefied suspicious sweet
  tender thirsty trusting unruffled upbeat vibrant vigilant vigorous wizardly wonderful xenodochial
  youthful zealous zen
`);

const RIGHT = words(`
  agnesi albattani allen almeida antonelli archimedes ardinghelli aryabhata austin babbage banach
  banzai bardeen bartik bassi beaver bell benz bhabha bhaskara black blackburn blackwell bohr booth
  borg bose bouman boyd brahmagupta brattain brown buck burnell cannon carson cartwright carver cerf
  chandrasekhar chaplygin chatelet chatterjee chaum chebyshev clarke cohen colden cori cray curie
  curran darwin davinci dewdney dhawan diffie dijkstra dirac driscoll dubinsky easley edison einstein
  elbakyan elgamal elion ellis engelbart euclid euler faraday feistel fermat fermi feynman franklin
  gagarin galileo galois ganguly gates gauss germain goldberg goldstine goldwasser golick goodall
  gould greider grothendieck haibt hamilton haslett hawking heisenberg hellman hermann herschel hertz
  heyrovsky hodgkin hofstadter hoover hopper hugle hypatia ishizaka jackson jang jemison jennings
  jepsen johnson joliot jones kalam kapitsa kare keldysh keller kepler khayyam khorana kilby kirch
  knuth kowalevski lalande lamarr lamport leakey leavitt lederberg lehmann lewin lichterman liskov
  lovelace lumiere mahavira margulis matsumoto maxwell mayer mccarthy mcclintock mclaren mclean
  mcnulty meitner mendel mendeleev meninsky merkle mestorf mirzakhani montalcini moore morse moser
  murdock napier nash neumann newton nightingale nobel noether northcutt noyce panini pare pascal
  pasteur payne perlman pike poincare poitras proskuriakova ptolemy raman ramanujan rhodes ride
  ritchie robinson roentgen rosalind rubin saha sammet sanderson satoshi shamir shannon shaw shirley
  shockley shtern sinoussi snyder solomon spence stonebraker sutherland swanson swartz swirles taussig
  tereshkova tesla tharp thompson torvalds tu turing varahamihira vaughan villani visvesvaraya volhard
  wescoff wilbur wiles williams williamson wilson wing wozniak wright wu yalow yonath zhukovsky
`);

/** A fresh name no container already has, as Docker picks one ("ecstatic_golick"). */
export function generateName(rng: RngState, taken: (name: string) => boolean): string {
  for (let attempt = 0; ; attempt++) {
    let name = `${pick(rng, LEFT)}_${pick(rng, RIGHT)}`;
    // Docker avoids this one pairing; after collisions it appends a digit.
    if (name === "boring_wozniak") continue;
    if (attempt > 0) name += String(attempt % 10);
    if (!taken(name)) return name;
  }
}

/** Whether a name is one the generator could have made (for tests that compare runs). */
export function isGeneratedName(name: string): boolean {
  const m = /^([a-z]+)_([a-z]+)\d?$/.exec(name);
  return m !== null && LEFT.includes(m[1] ?? "") && RIGHT.includes(m[2] ?? "");
}
