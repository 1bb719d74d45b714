"""Operations: workers taking harvests from the queue, the scheduler, health and staleness."""
