/**
 * Common English words, each one token of o200k (GPT-4o's tokenizer) with and without a leading
 * space, and one token of the simulator's tokenizer (at most 8 letters): a text of them is as long
 * in either count, so a synthetic prompt of N tokens is about N tokens in the simulator's usage too.
 * Checked by word-list.test.ts against the tokenizer.
 */
export const wordList: readonly string[] = [
  'the', 'of', 'and', 'to', 'in', 'is', 'was', 'for', 'that', 'on', 'with', 'as', 'by', 'at',
  'from', 'his', 'her', 'they', 'this', 'have', 'are', 'not', 'but', 'had', 'one', 'all', 'were',
  'we', 'when', 'there', 'can', 'an', 'which', 'their', 'said', 'if', 'do', 'will', 'each',
  'about', 'how', 'up', 'out', 'them', 'then', 'she', 'many', 'some', 'so', 'these', 'would',
  'other', 'into', 'has', 'more', 'two', 'time', 'like', 'him', 'see', 'could', 'no', 'make',
  'than', 'first', 'been', 'its', 'who', 'now', 'people', 'my', 'made', 'over', 'did', 'down',
  'only', 'way', 'find', 'use', 'may', 'water', 'long', 'little', 'very', 'after', 'words',
  'called', 'just', 'where', 'most', 'know', 'get', 'through', 'back', 'much', 'before', 'go',
  'good', 'new', 'write', 'our', 'used', 'me', 'man', 'too', 'any', 'day', 'same', 'right', 'look',
  'think', 'also', 'around', 'another', 'came', 'come', 'work', 'three', 'word', 'must', 'because',
  'does', 'part', 'even', 'place', 'well', 'such', 'here', 'take', 'why', 'help', 'put', 'away',
  'again', 'off', 'went', 'old', 'number', 'great', 'tell', 'men', 'say', 'small', 'every',
  'found', 'still', 'between', 'name', 'should', 'home', 'big', 'give', 'air', 'line', 'set',
  'own', 'under', 'read', 'last', 'never', 'us', 'left', 'end', 'along', 'while', 'might', 'next',
  'sound', 'below', 'thought', 'both', 'few', 'those', 'always', 'show', 'large', 'often', 'asked',
  'house', 'world', 'going', 'want', 'school', 'until', 'form', 'food', 'keep', 'children', 'feet',
  'land', 'side', 'without', 'boy', 'once', 'animal', 'life', 'four', 'head', 'above', 'kind',
  'almost', 'live', 'page', 'got', 'earth', 'need', 'far', 'hand', 'high', 'year', 'mother',
  'light', 'country', 'father', 'let', 'night', 'picture', 'being', 'study', 'second', 'soon',
  'story', 'since', 'white', 'ever', 'paper', 'hard', 'near', 'sentence', 'better', 'best',
  'during', 'today', 'however', 'sure', 'try', 'young', 'sun', 'thing', 'whole', 'hear', 'example',
  'heard', 'change', 'answer', 'room', 'sea', 'against', 'top', 'turned', 'learn', 'point', 'city',
  'play', 'five', 'usually', 'money', 'seen', 'car', 'later', 'road', 'river', 'early', 'open',
  'plan', 'simple', 'table', 'north', 'south', 'east', 'west', 'warm', 'cold', 'rain', 'snow',
  'green', 'blue', 'red', 'black', 'short', 'clear', 'full', 'free', 'happy', 'true', 'strong',
  'quiet', 'bright', 'fast', 'slow', 'deep', 'ready', 'real', 'late', 'round', 'final', 'local',
  'human', 'major', 'public', 'social', 'common', 'state', 'market', 'system', 'program',
  'question', 'company', 'service', 'problem', 'group', 'report', 'order', 'level', 'value',
  'model', 'result', 'process', 'method', 'figure', 'power', 'field', 'rate', 'source', 'month',
  'music', 'art', 'book', 'letter', 'friend', 'family', 'garden', 'window', 'forest', 'bridge',
  'street', 'office', 'teacher', 'doctor', 'student', 'worker', 'driver', 'reader', 'writer',
  'player', 'member', 'leader', 'manager', 'owner', 'visitor', 'history', 'science', 'nature',
  'future', 'energy', 'health', 'travel', 'weather', 'language', 'culture', 'budget', 'design',
  'detail', 'effect', 'event', 'factor', 'issue', 'matter', 'moment', 'object', 'option', 'record',
  'season', 'signal', 'space', 'status', 'style', 'survey', 'topic', 'update', 'version', 'volume',
];
