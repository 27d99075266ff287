// @ts-check
/** Ideas: which kinds to ask for, and asking. */

/** @typedef {import('../types.js').Context} Context */

/** @param {Context} ctx */
export function ideaActions(ctx) {
  const { state, api, t } = ctx;
  const actions = {
    /** @param {string} kind */
    toggleKind(kind) {
      const { kinds } = state.ideas;
      if (kinds.has(kind)) kinds.delete(kind);
      else kinds.add(kind);
      ctx.render();
    },
    getIdeas() {
      return ctx.run(
        'status.ideas',
        async (signal) => {
          const selection = await ctx.readDocument();
          const answer = await api.ideas({ text: selection.text, kinds: [...state.ideas.kinds], count: 2 }, signal);
          state.ideas.items = answer.ideas;
          state.ideas.provenance = answer.provenance ?? null;
          ctx.announce(answer.ideas.length ? t('status.resultCount', { count: answer.ideas.length }) : t('ideas.none'));
        },
        () => actions.getIdeas(),
      );
    },
  };
  return actions;
}
