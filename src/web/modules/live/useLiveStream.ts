/**
 * The live client as a React hook: one LiveConnection per exercise (WebSocket authenticated by
 * the session cookie, resume from the highest sequence number, de-duplication, back-off), its
 * ordered event store and its connection state.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '../../../shared/contracts/live.ts';
import { API_BASE } from '../../lib/api.ts';
import { accountKeys } from '../accounts/queries.ts';
import { LiveConnection, type ConnectionState, type Hello, type SocketLike } from './connection.ts';
import { EMPTY_STORE, type EventStore } from './store.ts';

export type { ConnectionState };

export type LiveStream = {
  store: EventStore;
  connection: ConnectionState;
  /** What the server said on connecting: staff or not, and the reader's teams. */
  hello: Hello | null;
};

function socketUrl(exerciseId: string, since: number): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}${API_BASE}/exercises/${encodeURIComponent(exerciseId)}/live?since=${since}`;
}

/** Subscribe to an exercise's events (nothing when `exerciseId` is empty); `onEvents` runs after each batch. */
export function useLiveStream(exerciseId: string, onEvents?: (events: LiveEvent[]) => void): LiveStream {
  const qc = useQueryClient();
  // State is tagged with its exercise, so another exercise starts from nothing.
  const [data, setData] = useState<{ id: string; store: EventStore; hello: Hello | null; connection: ConnectionState }>({
    id: exerciseId,
    store: EMPTY_STORE,
    hello: null,
    connection: { status: 'connecting' },
  });
  const onEventsRef = useRef(onEvents);
  useEffect(() => {
    onEventsRef.current = onEvents;
  }, [onEvents]);

  useEffect(() => {
    if (!exerciseId) return;
    const update = (patch: Partial<typeof data>) =>
      setData((d) => ({
        ...(d.id === exerciseId ? d : { store: EMPTY_STORE, hello: null, connection: { status: 'connecting' as const } }),
        id: exerciseId,
        ...patch,
      }));
    const connection = new LiveConnection({
      url: (since) => socketUrl(exerciseId, since),
      // The browser's handlers take richer events than SocketLike names; the fields used are the same.
      open: (url) => new WebSocket(url) as unknown as SocketLike,
      onStore: (store) => update({ store }),
      onHello: (hello) => update({ hello }),
      onEvents: (events) => onEventsRef.current?.(events),
      onConnection: (state) => {
        update({ connection: state });
        // The session ended: the app shows the sign-in page once the session query says so.
        if (state.status === 'closed' && state.code === 4401) void qc.invalidateQueries({ queryKey: accountKeys.session });
      },
      isOnline: () => navigator.onLine,
    });
    const offline = () => connection.offline();
    const online = () => connection.online();
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    connection.start();
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      connection.stop();
    };
  }, [exerciseId, qc]);

  if (data.id !== exerciseId) return { store: EMPTY_STORE, connection: { status: 'connecting' }, hello: null };
  return { store: data.store, connection: data.connection, hello: data.hello };
}
