/** A small status label that never truncates its text (Mantine's Badge would, in narrow table cells). */
import { Badge, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

/** A light badge in sentence case. */
export function Tag({ color, children }: { color: MantineColor; children: ReactNode }) {
  return (
    <Badge
      color={color}
      variant="light"
      tt="none"
      styles={{ root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      {children}
    </Badge>
  );
}
