"""Style and clarity rules: wordiness, redundancy, hedging, passive voice and the like."""
