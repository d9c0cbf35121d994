// A pure function of one string, remembered for the strings it was last asked about: the
// answers for the few addresses and paths a server sees over and over cost a Map lookup
// instead of parsing. At most `size` answers are kept; when full, the oldest half is dropped.
export function remembered<T>(compute: (input: string) => T, size = 2048): (input: string) => T {
  const answers = new Map<string, T>();
  return (input) => {
    const known = answers.get(input);
    if (known !== undefined || answers.has(input)) return known as T;
    const answer = compute(input);
    if (answers.size >= size) {
      let drop = size / 2;
      for (const key of answers.keys()) {
        answers.delete(key);
        if (--drop <= 0) break;
      }
    }
    answers.set(input, answer);
    return answer;
  };
}
