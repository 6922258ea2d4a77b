/** The mock catalog: invented titles (no real trademarks) the seed loads into the titles table. */
import { KIDS_RATINGS } from '../shared/maturity';
import type { Title } from '../shared/types';

/** Maturity ratings a Kids profile may see; `kids` is true exactly for these (from the one table of levels). */
export { KIDS_RATINGS };

/** Genres in the order the home screen shows their rows. */
export const GENRES = ['Drama', 'Comedy', 'Sci-Fi', 'Thrillers', 'Documentaries', 'Kids & Family'] as const;

type Entry = [title: string, year: number, genre: (typeof GENRES)[number], rating: string, runtime: number, hue: number, synopsis: string];

const ENTRIES: Entry[] = [
  // Drama
  ["The Lantern Keeper's Daughter", 2021, 'Drama', 'TV-14', 112, 28, "A lighthouse keeper's estranged daughter returns to the island to settle his debts and finds a box of letters he never sent."],
  ['Saltwater Ledger', 2019, 'Drama', 'TV-MA', 124, 196, 'A fishing family on the brink of ruin bets its last boat on a season nobody else will risk.'],
  ['Quiet Hours at Marlow Street', 2022, 'Drama', 'PG-13', 104, 262, 'Three night nurses on a hospice ward hold each other together through one long, strange winter.'],
  ['The Orchard Between Us', 2018, 'Drama', 'PG', 98, 88, 'Two feuding brothers must run their late mother’s apple orchard together for one harvest to inherit it.'],
  ['Glass Harbor', 2023, 'Drama', 'TV-14', 131, 205, 'A glassblower in a fading port town takes on an apprentice who knows more about the fire than she lets on.'],
  ['A Winter for Tomas', 2020, 'Drama', 'R', 117, 220, 'A retired boxer snowed in with his grandson learns the boy has been training in secret.'],
  ['Second Chair', 2017, 'Drama', 'TV-14', 109, 340, 'A gifted cellist who has always played second chair gets one night to prove she belongs at the front.'],
  ["Ferryman's Row", 2024, 'Drama', 'TV-MA', 126, 14, 'On a street of river workers, a new landlord’s arrival sets neighbour against neighbour.'],
  // Comedy
  ['Extremely Decent Neighbors', 2022, 'Comedy', 'TV-14', 94, 52, 'A suburban cul-de-sac descends into chaos when everyone tries to out-nice the new family next door.'],
  ['The Office of Lost Umbrellas', 2021, 'Comedy', 'PG-13', 101, 180, 'The staff of a railway lost-property office go to absurd lengths to reunite one umbrella with its owner.'],
  ['Marigold & Sons Plumbing', 2019, 'Comedy', 'TV-MA', 88, 40, 'A plumber hands the family business to three sons who cannot agree on which way water flows.'],
  ['Roommates of Unit 4B', 2020, 'Comedy', 'TV-14', 92, 300, 'Five strangers win the same rent-controlled apartment in a city lottery and refuse to give it up.'],
  ['Overbooked in Oslo', 2018, 'Comedy', 'PG-13', 97, 230, 'Two rival wedding planners discover they have booked the same venue on the same day.'],
  ['Bake Sale Bandits', 2022, 'Comedy', 'TV-G', 84, 330, 'When the school bake-sale money goes missing, four fourth-graders turn detective.'],
  ['The Llama Who Came to Dinner', 2021, 'Comedy', 'TV-G', 86, 70, 'A very polite llama moves in with a very messy family and decides to fix everything.'],
  ['Snail Mail Summer', 2024, 'Comedy', 'TV-Y7', 79, 160, 'Two pen pals on opposite sides of the world swap increasingly ridiculous challenges by post.'],
  // Sci-Fi
  ['Orbit of Ashes', 2022, 'Sci-Fi', 'TV-MA', 138, 12, 'The crew of a mining ship wakes from cryosleep to find their home planet has gone silent.'],
  ['The Last Signal from Kepler Station', 2020, 'Sci-Fi', 'PG-13', 119, 240, 'A lone radio operator keeps answering a distress call that seems to come from her own future.'],
  ['Tessellate', 2023, 'Sci-Fi', 'TV-14', 107, 280, 'An architect finds that the city she designed is quietly rearranging itself each night.'],
  ['Halcyon Drift', 2019, 'Sci-Fi', 'TV-14', 113, 190, 'A generation ship’s teenage crew discovers the voyage was never meant to arrive.'],
  ['Paper Moons', 2021, 'Sci-Fi', 'PG-13', 102, 50, 'A struggling physicist builds a machine that prints perfect copies of anything, including herself.'],
  ['Clockwork Tide', 2018, 'Sci-Fi', 'R', 122, 170, 'In a drowned city run on tidal power, a mechanic uncovers who really controls the moon’s schedule.'],
  ['Robo-Pals: Starport Seven', 2024, 'Sci-Fi', 'TV-Y7', 72, 200, 'Seven small robots keep a busy space station running and help every visitor find their way home.'],
  ['Nine Minutes to Sundown', 2024, 'Sci-Fi', 'TV-MA', 116, 20, 'On a tidally locked world, a courier must cross the dark side before the last shuttle leaves.'],
  // Thrillers
  ['The Quiet Accomplice', 2021, 'Thrillers', 'TV-MA', 118, 0, 'A court stenographer realises the testimony she typed has been changed, and that she is next.'],
  ['Below the Ice Line', 2020, 'Thrillers', 'R', 111, 185, 'A polar research team loses contact with the surface just as one of them stops being who they claim.'],
  ['Seven Doors North', 2022, 'Thrillers', 'TV-14', 103, 250, 'A locksmith is hired to open seven doors in one night, and each one hides a worse secret.'],
  ['Undertow Protocol', 2019, 'Thrillers', 'TV-MA', 125, 210, 'A coast-guard analyst uncovers a smuggling ring hidden inside the rescue schedule she wrote.'],
  ['Signal Fire', 2023, 'Thrillers', 'TV-14', 99, 25, 'A wildfire lookout sees something in the smoke that the town below would rather she forgot.'],
  ['A Stranger in Carriage Nine', 2018, 'Thrillers', 'PG-13', 96, 270, 'On an overnight train, a travelling violinist becomes the only witness to a passenger who vanished.'],
  ['The Alibi Clock', 2024, 'Thrillers', 'R', 108, 355, 'A watchmaker’s testimony frees a suspect, until she notices the clock in the photo runs backwards.'],
  ['Cold Case, Warm Hands', 2017, 'Thrillers', 'TV-14', 101, 320, 'A retired detective takes up knitting and finds a decades-old clue stitched into a sweater.'],
  // Documentaries
  ['Kingdom of Moss', 2021, 'Documentaries', 'TV-G', 52, 100, 'A year in the tiny forest of a single mossy rock, filmed at the scale of the creatures who live there.'],
  ['The Deep Blue Commute', 2022, 'Documentaries', 'TV-G', 58, 215, 'Follow a family of grey whales on the longest journey any mammal makes each year.'],
  ['Little Architects: Animal Builders', 2023, 'Documentaries', 'TV-G', 47, 120, 'Beavers, weaver birds and termites show how animals build homes engineers still study.'],
  ['Salt, Smoke and Fire', 2020, 'Documentaries', 'TV-14', 91, 30, 'Cooks on four continents keep alive the oldest ways of preserving food.'],
  ['After Hours at the Archive', 2021, 'Documentaries', 'TV-14', 84, 45, 'The night staff of a national archive reveal the strangest things people ever asked them to keep.'],
  ['Chasing the Ninth Wave', 2018, 'Documentaries', 'PG', 95, 195, 'Big-wave surfers and the scientists who try to predict the swell they live for.'],
  ['Counterfeit Skies', 2024, 'Documentaries', 'TV-MA', 102, 275, 'How one forger fooled the art world for thirty years with paintings of skies that never existed.'],
  ['The Bridge Menders', 2019, 'Documentaries', 'TV-14', 77, 15, 'A small crew of engineers races the seasons to keep a mountain valley’s old stone bridges standing.'],
  // Kids & Family
  ['Pip and the Puddle Kingdom', 2022, 'Kids & Family', 'TV-Y', 44, 190, 'Every puddle is a door for Pip, and today every door leads somewhere splashier.'],
  ["Captain Crumb's Cookie Crew", 2021, 'Kids & Family', 'TV-Y7', 62, 35, 'A pirate baker and her crew sail the Sugar Sea in search of the legendary lost recipe.'],
  ['Ember the Very Small Dragon', 2020, 'Kids & Family', 'TV-Y7', 81, 8, 'The smallest dragon in the valley sets out to prove that a tiny flame can still light the way.'],
  ['Moonbeam Mechanics', 2023, 'Kids & Family', 'TV-Y7', 66, 255, 'Two siblings fix broken moonbeams from their workshop on the roof of the world.'],
  ["Busy Bear's Big Day", 2019, 'Kids & Family', 'TV-Y', 38, 60, 'Busy Bear has one day to tidy the den, visit Grandma and plant the garden, and a lot of help.'],
  ['The Sock Drawer Explorers', 2024, 'Kids & Family', 'TV-Y7', 71, 290, 'Lost socks form an expedition to find the one place every missing sock ends up.'],
  ['Wobble the Weather Cloud', 2021, 'Kids & Family', 'TV-Y', 42, 210, 'A little cloud learns to make every kind of weather, starting with a very small rainbow.'],
  ['Sunny Side Farm Band', 2022, 'Kids & Family', 'TV-G', 88, 48, 'The farm animals form a band to save the county fair, if the goat will stop eating the sheet music.'],
];

/** A stable id from a title: lower-case words joined by dashes. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Every title in the catalog, in the order they are inserted. */
export const CATALOG: readonly Title[] = ENTRIES.map(([title, year, genre, rating, runtimeMinutes, hue, synopsis]) => ({
  id: slug(title),
  title,
  year,
  genre,
  rating,
  runtimeMinutes,
  synopsis,
  kids: KIDS_RATINGS.has(rating),
  hue,
}));
